// Citation tooltip cards for the Markdown preview and the exported HTML. DOM only; text goes in with textContent.
(function () {
  'use strict';
  // VS Code's preview document has no language or title; screen readers need both (the export has its own).
  if (!document.documentElement.lang) document.documentElement.lang = 'en';
  if (!document.title) {
    var h1 = document.querySelector('h1');
    document.title = h1 ? h1.textContent : 'Briefing preview';
  }
  var card = null;
  var current = null;

  function ensureCard() {
    if (card && document.body.contains(card)) return card;
    card = document.createElement('div');
    card.className = 'bd-tooltip';
    card.setAttribute('role', 'tooltip');
    card.id = 'bd-tooltip';
    card.hidden = true;
    document.body.appendChild(card);
    return card;
  }

  function part(tag, cls, text) {
    var e = document.createElement(tag);
    e.className = cls;
    e.textContent = text;
    return e;
  }

  function show(anchor) {
    var c = ensureCard();
    current = anchor;
    c.replaceChildren();
    c.appendChild(part('div', 'bd-tooltip-title', anchor.getAttribute('data-bd-title') || ''));
    var meta = [anchor.getAttribute('data-bd-meta'), anchor.getAttribute('data-bd-locator'), '@' + anchor.getAttribute('data-bd-key')]
      .filter(function (x) { return x; }).join(' · ');
    c.appendChild(part('div', 'bd-tooltip-meta', meta));
    var passage = anchor.getAttribute('data-bd-passage') || '';
    passage.split('\n\n').forEach(function (p) { c.appendChild(part('p', 'bd-tooltip-passage', p)); });
    c.hidden = false;
    anchor.setAttribute('aria-describedby', 'bd-tooltip');
    // The plain title would show on top of the card; keep it for when scripts do not run.
    if (anchor.hasAttribute('title')) {
      anchor.setAttribute('data-bd-plain-title', anchor.getAttribute('title'));
      anchor.removeAttribute('title');
    }
    var r = anchor.getBoundingClientRect();
    var width = Math.min(480, document.documentElement.clientWidth - 16);
    c.style.width = width + 'px';
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    c.style.left = left + 'px';
    c.style.top = (r.bottom + window.scrollY + 6) + 'px';
    var below = r.bottom + c.offsetHeight + 12 <= document.documentElement.clientHeight;
    if (!below && r.top > c.offsetHeight + 12) c.style.top = (r.top + window.scrollY - c.offsetHeight - 6) + 'px';
  }

  function hide(anchor) {
    if (!card || (anchor && anchor !== current)) return;
    card.hidden = true;
    if (current) {
      current.removeAttribute('aria-describedby');
      if (current.hasAttribute('data-bd-plain-title')) current.setAttribute('title', current.getAttribute('data-bd-plain-title'));
    }
    current = null;
  }

  function refOf(target) {
    return target && target.closest ? target.closest('.bd-cite-ref') : null;
  }

  document.addEventListener('mouseover', function (e) { var a = refOf(e.target); if (a) show(a); });
  document.addEventListener('mouseout', function (e) { var a = refOf(e.target); if (a && !a.contains(e.relatedTarget)) hide(a); });
  document.addEventListener('focusin', function (e) { var a = refOf(e.target); if (a) show(a); });
  document.addEventListener('focusout', function (e) { var a = refOf(e.target); if (a) hide(a); });
  document.addEventListener('keydown', function (e) { if (e.key === 'Escape') hide(); });
})();
