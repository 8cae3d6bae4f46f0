// The checks the browser's web worker host runs too (test/web/checks.ts), with the same expected values, here in the
// Node extension host: panel search, citation hover, misquote and its quick fix give the same results in both.
import { checkCitationHover, checkMisquote, checkMisquoteFix, checkPanelSearch, deskApi } from '../web/checks';

describe('Same results in the Node and web worker hosts', function () {
  this.timeout(30_000);

  it('the panel search, a citation hover, the misquote and its fix', async () => {
    const a = await deskApi();
    await checkPanelSearch(a);
    await checkCitationHover();
    await checkMisquote();
    await checkMisquoteFix();
  });
});
