/** Puts test records: one per line (or the whole text as one record), with a fixed or random partition key. */
import { useState } from 'preact/hooks';
import { kinesis, utf8ToBase64 } from './aws.js';

export function Producer({ stream }: { stream: string }) {
  const [text, setText] = useState('{"hello": "world"}');
  const [key, setKey] = useState('');
  const [perLine, setPerLine] = useState(true);
  const [result, setResult] = useState<string>();

  const put = async (e: Event) => {
    e.preventDefault();
    const bodies = perLine ? text.split('\n').filter((l) => l.trim() !== '') : [text];
    const Records = bodies.map((b) => ({ Data: utf8ToBase64(b), PartitionKey: key || crypto.randomUUID() }));
    try {
      let failed = 0;
      for (let i = 0; i < Records.length; i += 500) {
        const out = await kinesis('PutRecords', { StreamName: stream, Records: Records.slice(i, i + 500) });
        failed += out.FailedRecordCount ?? 0;
      }
      setResult(`Put ${Records.length - failed} record(s)${failed ? `, ${failed} failed` : ''}.`);
    } catch (err) {
      setResult((err as Error).message);
    }
  };

  return (
    <form class="panel" id="producer" onSubmit={put}>
      <h2>Producer</h2>
      <textarea name="data" rows={6} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <div class="row">
        <input name="partition-key" placeholder="partition key (random when empty)" value={key} onInput={(e) => setKey(e.currentTarget.value)} />
        <label>
          <input type="checkbox" name="per-line" checked={perLine} onChange={(e) => setPerLine(e.currentTarget.checked)} /> one record per line
        </label>
        <button type="submit">Put records</button>
      </div>
      {result && <p class="message" id="producer-result">{result}</p>}
    </form>
  );
}
