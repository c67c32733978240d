/** Loads something once (and again on `reload()`), keeping the last value while a reload runs. */
import { useCallback, useEffect, useState } from 'preact/hooks';

export function useAsync<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const reload = useCallback(() => {
    load().then(
      (v) => {
        setValue(v);
        setError(undefined);
      },
      (e: Error) => setError(e.message),
    );
  }, deps);
  useEffect(reload, [reload]);
  return { value, error, reload };
}
