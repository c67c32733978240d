/** An application's SQL in CodeMirror 6 with the SQL mode, read-only: the console shows code, it does not edit it. */
import { defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { sql } from '@codemirror/lang-sql';
import { EditorState } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'preact/hooks';

export function SqlView({ code }: { code: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const view = new EditorView({
      parent: box.current!,
      state: EditorState.create({
        doc: code,
        extensions: [lineNumbers(), sql(), syntaxHighlighting(defaultHighlightStyle), EditorView.lineWrapping, EditorState.readOnly.of(true), EditorView.editable.of(false)],
      }),
    });
    return () => view.destroy();
  }, [code]);
  return <div class="sql" id="application-sql" ref={box} />;
}
