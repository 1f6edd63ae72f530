/** Case text (CommonMark) from the API: no raw HTML; headings sit below the page's own. */
import ReactMarkdown, { type Components } from 'react-markdown';

const COMPONENTS: Components = { h1: 'h5', h2: 'h5', h3: 'h5', h4: 'h5' };

export function CaseText({ text }: { text: string }) {
  return (
    <div className="case-text">
      <ReactMarkdown components={COMPONENTS} skipHtml>
        {text}
      </ReactMarkdown>
    </div>
  );
}
