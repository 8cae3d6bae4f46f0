// Word files: paragraphs and headings through mammoth, title, author and date from the document properties.
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { blocksOf, parseHTML } from './dom';
import { FormatError, type Extracted } from './types';

/** Title and Subtitle styles are headings too (mammoth's default map leaves them as paragraphs). */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

function xmlText(xml: string, tag: string): string | undefined {
  // Scanned by hand in one pass: the first `<tag>` or `<tag attr…>` whose text runs up to its closing tag.
  let v: string | undefined;
  let from = 0;
  while (v === undefined) {
    const at = xml.indexOf(`<${tag}`, from);
    if (at < 0) break;
    const after = xml[at + tag.length + 1] ?? '';
    if (after !== '>' && !/\s/.test(after)) {
      from = at + 1;
      continue;
    }
    const open = xml.indexOf('>', at);
    if (open < 0) break;
    const close = xml.indexOf('<', open + 1);
    if (close >= 0 && xml.startsWith(`</${tag}>`, close)) v = xml.slice(open + 1, close);
    // Every other `<tag` before `open` would end at the same `>`: go on after it.
    from = open + 1;
  }
  v = v
    ?.replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();
  return v || undefined;
}

/** Extracts a Word (.docx) file. */
export async function extractDocx(bytes: Uint8Array): Promise<Extracted> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw new FormatError(`the Word file is damaged or not a .docx (${(e as Error).message})`);
  }
  if (zip.file('EncryptedPackage') || !zip.file('word/document.xml')) {
    throw new FormatError('the Word file is encrypted or not a .docx document');
  }
  const core = (await zip.file('docProps/core.xml')?.async('string')) ?? '';
  let html: string;
  try {
    // Node takes `buffer`, the browser build `arrayBuffer`.
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    html = (await mammoth.convertToHtml({ arrayBuffer: buffer, buffer } as never, { styleMap: STYLE_MAP })).value;
  } catch (e) {
    throw new FormatError(`the Word file could not be read (${(e as Error).message})`);
  }
  const blocks = blocksOf(parseHTML(`<!doctype html><html><body>${html}</body></html>`).document.body);
  if (!blocks.some((b) => b.kind === 'paragraph')) throw new FormatError('the Word file has no text');
  const creator = xmlText(core, 'dc:creator');
  return {
    title: xmlText(core, 'dc:title'),
    authors: creator
      ? creator
          .split(/;|\band\b/)
          .map((a) => a.trim())
          .filter(Boolean)
      : [],
    date: xmlText(core, 'dcterms:created'),
    language: xmlText(core, 'dc:language'),
    blocks,
  };
}
