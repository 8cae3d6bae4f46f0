// Injected into the PDF extractor's bundle only (scripts/build.mjs): pdf.js builds a DOMMatrix when it loads, for
// drawing pages, which text extraction never does. Node has no DOMMatrix; this stands in for it inside the bundle
// (nothing is added to the global object, which the extension host shares with other extensions).
export class DOMMatrix {
  constructor(init) {
    [this.a, this.b, this.c, this.d, this.e, this.f] =
      Array.isArray(init) && init.length === 6 ? init : [1, 0, 0, 1, 0, 0];
  }
}
