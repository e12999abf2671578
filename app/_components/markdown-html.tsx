/** HTML rendered from course Markdown on the server (trusted content, code already escaped). */
export function MarkdownHtml({ html, className }: { html: string; className?: string }) {
  return <div className={className ? `prose ${className}` : 'prose'} dangerouslySetInnerHTML={{ __html: html }} />;
}
