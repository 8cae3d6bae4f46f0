// The values the Node host, the web worker host and the web-only end-to-end scenario all expect (one copy; no
// `vscode` import, so the end-to-end driver can read it too).

/** The expected values, one copy for both hosts. */
export const EXPECTED = {
  /** Panel search "Barak 8": the first hit's source and paragraph, and a phrase of its text. */
  search: {
    query: 'Barak 8',
    key: 'india-israel-strengthen',
    paragraph: 4,
    text: /jointly developed Barak-8 medium-range/,
  },
  /** Hover on `[@israel-calls-india, ¶6]` in briefings/sample.md. */
  hover: { title: 'Israel Calls India ‘Key Strategic Ally’', text: 'India is a key strategic ally of Israel' },
  /** The one problem in briefings/sample.md. */
  misquote: { codes: ['quote-not-found'], quote: /Regional alliances are collapsing/ },
  /** A misquote fixed with the closest passage text. */
  fix: {
    before: 'Baram said India is “a key strategic partner of Israel” [@israel-calls-india, ¶6].',
    title: 'Replace with the closest passage text',
    after: /^Baram said India is “[^”]*a key strategic ally of Israel[^”]*” \[@israel-calls-india, ¶6\]\.$/,
  },
};
