/**
 * The subset of Java's DateTimeFormatter patterns that S3 prefixes use (`!{timestamp:yyyy/MM/dd}`): letters are
 * fields (y/u year, M month, d day, H hour, m minute, s second, S fraction), text in single quotes is literal
 * (`''` is a quote), everything else is copied. Evaluated in UTC.
 */
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function field(letter: string, count: number, d: Date): string | undefined {
  switch (letter) {
    case 'y':
    case 'u': {
      const y = d.getUTCFullYear();
      return count === 2 ? pad(y % 100, 2) : pad(y, count);
    }
    case 'M':
      return pad(d.getUTCMonth() + 1, count);
    case 'd':
      return pad(d.getUTCDate(), count);
    case 'H':
      return pad(d.getUTCHours(), count);
    case 'm':
      return pad(d.getUTCMinutes(), count);
    case 's':
      return pad(d.getUTCSeconds(), count);
    case 'S':
      return pad(d.getUTCMilliseconds(), 3).padEnd(count, '0').slice(0, count);
    default:
      return undefined;
  }
}

/** Letters outside the supported fields; callers reject patterns that use them. */
export function unsupportedLetters(pattern: string): string[] {
  const bad = new Set<string>();
  walk(pattern, (letter) => {
    if (field(letter, 1, new Date(0)) === undefined) bad.add(letter);
  });
  return [...bad];
}

export function formatTimestamp(pattern: string, d: Date): string {
  let out = '';
  walk(pattern, (letter, count) => (out += field(letter, count, d) ?? ''), (text) => (out += text));
  return out;
}

function walk(pattern: string, onField: (letter: string, count: number) => void, onText: (text: string) => void = () => {}): void {
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      if (pattern[i + 1] === "'") {
        onText("'");
        i += 2;
        continue;
      }
      // A quoted literal; inside it, '' is one quote.
      let text = '';
      let j = i + 1;
      while (j < pattern.length) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] !== "'") break;
          text += "'";
          j += 2;
        } else text += pattern[j++];
      }
      onText(text);
      i = j + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      onField(c, j - i);
      i = j;
    } else {
      onText(c);
      i++;
    }
  }
}
