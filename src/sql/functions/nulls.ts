/** Null-propagation helpers shared by the function modules. */

export function isNull(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

/** Wraps a one-argument function so that NULL in gives NULL out. */
export function strict1<A, R>(f: (a: A) => R): (a: unknown) => R | null {
  return (a) => (a === null || a === undefined ? null : f(a as A));
}

/** Wraps a two-argument function so that a NULL argument gives NULL. */
export function strict2<A, B, R>(f: (a: A, b: B) => R): (a: unknown, b: unknown) => R | null {
  return (a, b) => (a === null || a === undefined || b === null || b === undefined ? null : f(a as A, b as B));
}
