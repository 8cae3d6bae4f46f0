// Sources as analysts get them, made from the seeds: a news web page with all its page furniture, a multi-page PDF
// report with running headers, footers and page numbers, and a Word file with headings and document properties.
// Deterministic: the same seed gives the same bytes on every run.
import { AlignmentType, Document, Footer, Header, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import JSZip from 'jszip';
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';

/** What a fixture is made from: a seed's title, date and paragraphs (and subheadings before some of them). */
export interface SeedText {
  title: string;
  date: string | null;
  paragraphs: Array<{ text: string; section?: string }>;
}

const FIXED = new Date(Date.UTC(2025, 10, 20, 12, 0, 0));

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Paragraphs with a subheading block wherever the section changes. */
function withHeadings(seed: SeedText): Array<{ heading?: string; text?: string }> {
  const out: Array<{ heading?: string; text?: string }> = [];
  let section: string | undefined;
  for (const p of seed.paragraphs) {
    if (p.section && p.section !== section) out.push({ heading: (section = p.section) });
    out.push({ text: p.text });
  }
  return out;
}

/**
 * A realistic news page: site header with menus, cookie banner, share bar, byline, figure with caption, the article,
 * an ad, related stories, newsletter box and footer, plus scripts; metadata in og/article tags and JSON-LD.
 */
export function newsPage(
  seed: SeedText,
  opts: { outlet?: string; author?: string; url?: string; extraBody?: string } = {},
): string {
  const outlet = opts.outlet ?? 'The Frontier Post';
  const author = opts.author ?? 'Staff Reporter';
  const url = opts.url ?? 'https://news.example.org/2025/11/article.html';
  const date = seed.date ?? '2025-11-05';
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: seed.title,
    datePublished: `${date}T08:30:00+05:00`,
    author: [{ '@type': 'Person', name: author }],
    publisher: { '@type': 'Organization', name: outlet },
  });
  const menu = ['Home', 'Pakistan', 'World', 'Business', 'Opinion', 'Sport', 'Technology', 'Lifestyle']
    .map((m) => `<li><a href="/${m.toLowerCase()}">${m}</a></li>`)
    .join('');
  const share =
    '<div class="share-bar"><span>Share</span><a href="#">Facebook</a><a href="#">Twitter</a>' +
    '<a href="#">WhatsApp</a><a href="#">Email</a><button>Copy link</button></div>';
  const related = [
    'Navy chief visits Karachi shipyard',
    'Budget talks resume in Islamabad',
    'Monsoon floods: relief update',
  ]
    .map(
      (t, i) => `<li><a href="/related/${i}"><h3>${t}</h3><p>${t}, read the full story on our site today.</p></a></li>`,
    )
    .join('');
  const body = withHeadings(seed).map((b) => (b.heading ? `<h2>${esc(b.heading)}</h2>` : `<p>${esc(b.text!)}</p>`));
  // An advert and a pull quote box in the middle of the article, as many sites do.
  body.splice(
    Math.min(3, body.length),
    0,
    '<div class="ad-slot" aria-hidden="true"><span>Advertisement</span><iframe src="https://ads.example/slot"></iframe></div>',
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(seed.title)} | ${esc(outlet)}</title>
<meta property="og:title" content="${esc(seed.title)}">
<meta property="og:site_name" content="${esc(outlet)}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="${date}T08:30:00+05:00">
<meta name="author" content="${esc(author)}">
<link rel="canonical" href="${esc(url)}">
<script type="application/ld+json">${ld.replace(/</g, '\\u003c')}</script>
<script>window.dataLayer = []; document.write('<p>tracking pixel text</p>');</script>
<style>.share-bar{display:flex}</style>
</head>
<body>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience on our website. By continuing to browse you agree to our use of cookies.</p><button>Accept all</button></div>
<header class="site-header"><a class="logo" href="/">${esc(outlet)}</a>
<nav class="main-menu"><ul>${menu}</ul></nav>
<form class="search"><input type="search" placeholder="Search"></form></header>
<main>
<article class="story">
<h1 class="headline">${esc(seed.title)}</h1>
<div class="byline">By <a href="/author/staff" rel="author">${esc(author)}</a> · <time datetime="${date}T08:30:00+05:00">${date}</time></div>
${share}
<figure class="lead-image"><img src="/img/lead.jpg" alt="Officials at a meeting"><figcaption>Officials at the signing ceremony. Photo: Agency</figcaption></figure>
<div class="story-body">
${body.join('\n')}
</div>
${share}
${opts.extraBody ?? ''}
</article>
<aside class="related"><h2>Related stories</h2><ul>${related}</ul></aside>
<section class="newsletter"><h2>Get our morning briefing</h2><p>Sign up for the newsletter and get the top stories in your inbox every day.</p><form><input type="email"><button>Subscribe</button></form></section>
</main>
<footer class="site-footer"><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy policy</a></li></ul>
<p>© 2025 ${esc(outlet)}. All rights reserved.</p></footer>
<script src="/js/app.js"></script>
</body>
</html>
`;
}

/** Where to split `word` with a hyphen so the first part still fits after `line`, or 0. */
function hyphenAt(line: string, word: string, font: PDFFont, size: number, width: number): number {
  for (let cut = word.length - 4; cut >= 4; cut--) {
    if (font.widthOfTextAtSize(`${line ? `${line} ` : ''}${word.slice(0, cut)}-`, size) <= width) return cut;
  }
  return 0;
}

function wrap(text: string, font: PDFFont, size: number, width: number, stats?: { hyphenated: number }): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const tryLine = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(tryLine, size) <= width) {
      line = tryLine;
      continue;
    }
    // Split long lowercase words with a hyphen, as typesetters do, so extraction must join them again.
    if (/^\p{Ll}{8,}[,.]?$/u.test(word)) {
      const cut = hyphenAt(line, word, font, size, width);
      if (cut) {
        lines.push(`${line ? `${line} ` : ''}${word.slice(0, cut)}-`);
        if (stats) stats.hyphenated++;
        line = word.slice(cut);
        continue;
      }
    }
    if (line) lines.push(line);
    line = word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A report as a PDF: title on page 1, subheadings in a larger size, justified-width body text over several pages
 * (paragraphs run over page breaks), a running header and a "Page N of M" footer on every page.
 */
export async function reportPdf(
  seed: SeedText,
  opts: { linesPerPage?: number; header?: string; author?: string; stats?: { hyphenated: number; pages: number } } = {},
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(seed.title);
  pdf.setAuthor(opts.author ?? 'Institute for Strategic Studies');
  pdf.setCreator('briefing-desk fixtures');
  pdf.setProducer('pdf-lib');
  const [y, m, d] = (seed.date ?? '2025-11-05').split('-').map(Number);
  pdf.setCreationDate(new Date(Date.UTC(y, m - 1, d, 9, 0, 0)));
  pdf.setModificationDate(FIXED);
  const font = await pdf.embedFont(StandardFonts.TimesRoman);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const W = 595,
    H = 842,
    margin = 72,
    size = 11,
    lead = 15;
  const maxLines = opts.linesPerPage ?? 40;
  const pages: Array<Array<{ text: string; x: number; y: number; f: PDFFont; s: number }>> = [];
  let page: (typeof pages)[number] = [];
  let yPos = H - margin - 30;
  let count = 0;
  const newPage = () => {
    pages.push((page = []));
    yPos = H - margin - 30;
    count = 0;
  };
  newPage();
  const put = (text: string, f: PDFFont, s: number, step: number) => {
    if (count >= maxLines) newPage();
    page.push({ text, x: margin, y: yPos, f, s });
    yPos -= step;
    count++;
  };
  for (const t of wrap(seed.title, bold, 18, W - 2 * margin)) put(t, bold, 18, 24);
  yPos -= 10;
  for (const b of withHeadings(seed)) {
    if (b.heading) {
      yPos -= 6;
      put(b.heading, bold, 13, 19);
      continue;
    }
    for (const l of wrap(b.text!, font, size, W - 2 * margin, opts.stats)) put(l, font, size, lead);
    yPos -= 8;
  }
  if (opts.stats) opts.stats.pages = pages.length;
  const header = opts.header ?? 'Strategic Studies Brief — Defence Cooperation in South Asia';
  pages.forEach((lines, i) => {
    const p = pdf.addPage([W, H]);
    p.drawText(header, { x: margin, y: H - 40, size: 9, font });
    for (const l of lines) p.drawText(l.text, { x: l.x, y: l.y, size: l.s, font: l.f });
    p.drawText(`Page ${i + 1} of ${pages.length}`, { x: W / 2 - 25, y: 36, size: 9, font });
  });
  return pdf.save({ useObjectStreams: false });
}

/** A PDF with pages but no text (what a scanner makes, minus the image). */
export async function scannedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(FIXED);
  pdf.setModificationDate(FIXED);
  for (let i = 0; i < 2; i++)
    pdf.addPage([595, 842]).drawRectangle({ x: 72, y: 72, width: 451, height: 698, borderWidth: 1 });
  return pdf.save({ useObjectStreams: false });
}

/** A PDF whose trailer says it is encrypted with a user password (readers ask for the password). */
export function encryptedPdf(): Uint8Array {
  const hex32 = 'a1'.repeat(32);
  const objs = [
    '1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n',
    '2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n',
    '3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n',
    `4 0 obj\n<< /Filter /Standard /V 1 /R 2 /O <${hex32}> /U <${hex32}> /P -44 >>\nendobj\n`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const o of objs) {
    offsets.push(out.length);
    out += o;
  }
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${'0'.repeat(32)}> <${'0'.repeat(32)}>] >>\n`;
  out += `startxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** A Word file: Title style, Heading 2 subheadings, body paragraphs, header and footer, core properties. */
export async function wordDoc(seed: SeedText, opts: { author?: string } = {}): Promise<Uint8Array> {
  const children = [
    new Paragraph({ text: seed.title, heading: HeadingLevel.TITLE }),
    ...withHeadings(seed).map((b) =>
      b.heading
        ? new Paragraph({ text: b.heading, heading: HeadingLevel.HEADING_2 })
        : new Paragraph({ children: [new TextRun(b.text!)] }),
    ),
  ];
  const doc = new Document({
    title: seed.title,
    creator: opts.author ?? 'Ayesha Raza',
    lastModifiedBy: 'fixtures',
    sections: [
      {
        headers: { default: new Header({ children: [new Paragraph('Desk copy — not for circulation')] }) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['Page ', PageNumber.CURRENT] })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  const raw = await Packer.toBuffer(doc);
  // docx stamps "now" into the properties and the zip entries; pin both.
  const zip = await JSZip.loadAsync(raw);
  const created = `${seed.date ?? '2025-11-05'}T09:00:00Z`;
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const f = zip.files[name];
    if (f.dir) continue;
    let content: string | Uint8Array = await f.async('uint8array');
    if (name === 'docProps/core.xml') {
      content = new TextDecoder()
        .decode(content)
        .replace(/(<dcterms:created[^>]*>)[^<]*/, `$1${created}`)
        .replace(/(<dcterms:modified[^>]*>)[^<]*/, `$1${FIXED.toISOString().replace(/\.\d+Z$/, 'Z')}`);
    }
    out.file(name, content, { date: FIXED, createFolders: false });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
