// Word files: paragraphs and headings through mammoth, title, author and date from the document properties.
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { blocksOf, parseHTML } from './dom';
import { FormatError, type Extracted } from './types';

/** Title and Subtitle styles are headings too (mammoth's default map leaves them as paragraphs). */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

function xmlText(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml);
  const v = m?.[1]
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
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
    authors: creator ? creator.split(/\s*(?:;|\band\b)\s*/).filter(Boolean) : [],
    date: xmlText(core, 'dcterms:created'),
    language: xmlText(core, 'dc:language'),
    blocks,
  };
}
