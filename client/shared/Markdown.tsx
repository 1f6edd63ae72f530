/** Case text (CommonMark) as React elements: no raw HTML, and links open in a new tab. */
import type { ComponentProps } from 'react';
import ReactMarkdown, { type Components, type ExtraProps } from 'react-markdown';
import { NewTabLink } from './NewTabLink.js';

function MarkdownLink({ node: _node, ...props }: ComponentProps<'a'> & ExtraProps) {
  return <NewTabLink {...props} />;
}

function PhrasingParagraph({ node: _node, ...props }: ComponentProps<'p'> & ExtraProps) {
  return <span className="markdown-paragraph" {...props} />;
}

// Headings inside case text sit below the page's own headings (h1 page, h2 step, h3 sections).
const BLOCK: Components = { a: MarkdownLink, h1: 'h4', h2: 'h4', h3: 'h4' };
// Where only phrasing content is allowed (a legend, a label), paragraphs become block-styled spans.
const PHRASING: Components = { ...BLOCK, p: PhrasingParagraph };

interface Props {
  text: string;
  className?: string;
  /** For use inside a legend or label. */
  phrasing?: boolean;
}

/** Renders markdown from the API inside an element that carries the text styles. */
export function Markdown({ text, className, phrasing = false }: Props) {
  const Wrapper = phrasing ? 'span' : 'div';
  return (
    <Wrapper className={className ? `markdown ${className}` : 'markdown'}>
      <ReactMarkdown components={phrasing ? PHRASING : BLOCK} skipHtml>
        {text}
      </ReactMarkdown>
    </Wrapper>
  );
}
