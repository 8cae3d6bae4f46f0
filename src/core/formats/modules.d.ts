// pdf.js ships no types for its worker module, which is loaded only to run it on this thread.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
