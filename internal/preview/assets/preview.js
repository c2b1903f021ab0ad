// tilmash serve: the preview page's script. The server renders every page;
// this script marks the units that have findings, shows each finding where
// its unit is, puts the English beside the translation, and, when the
// server says a file was saved, fetches the page again and swaps it in
// without a reload, keeping the reader's place.
(() => {
  'use strict';

  const readData = () => JSON.parse(document.getElementById('tilmash-data').textContent);
  let data = readData();
  let pristine = document.body.cloneNode(true); // the page as served, before decorate
  const sideKey = 'tilmash-side';
  const side = () => !data.source && localStorage.getItem(sideKey) !== 'off';

  // A finding's text may hold a word diff: [-dropped-] and {+added+}.
  function withDiff(parent, text) {
    const re = /\[-(.*?)-\]|\{\+(.*?)\+\}/g;
    let last = 0, m;
    while ((m = re.exec(text)) !== null) {
      parent.append(text.slice(last, m.index));
      const el = document.createElement(m[1] !== undefined ? 'del' : 'ins');
      el.textContent = m[1] !== undefined ? m[1] : m[2];
      parent.append(el);
      last = re.lastIndex;
    }
    parent.append(text.slice(last));
  }

  // The findings of a unit's element: its own, and those of the units it
  // shows inside it (a profile's name, in its heading).
  function findingsOf(id) {
    const out = [];
    const add = (uid) => {
      const u = data.units && data.units[uid];
      if (u && u.findings) for (const i of u.findings) out.push(data.findings[i]);
    };
    add(id);
    for (const [name, host] of Object.entries(data.hosts || {})) if (host === id) add(name);
    return out;
  }

  const states = {
    missing: 'Not translated: shown in English.',
    stale: 'The English changed since this was translated: shown in English until revised.',
    revising: 'The English changed since this was translated: the earlier translation is shown.',
    rejected: 'The translation fails a check: shown in English.',
  };
  const rank = { error: 0, warning: 1, info: 2 };

  function decorate() {
    if (data.kind !== 'page') return;
    const article = document.querySelector('body > article');
    if (!article) return;
    for (const el of article.querySelectorAll('[data-unit]')) {
      const id = el.dataset.unit;
      const u = (data.units && data.units[id]) || {};
      const fs = findingsOf(id);
      if (u.state) el.classList.add('tm-' + u.state);
      if (fs.length || u.state) {
        const worst = fs.reduce((w, f) => Math.min(w, rank[f.severity] ?? 2), u.state === 'missing' || u.state === 'rejected' ? 0 : 2);
        el.classList.add('tm-flag', 'tm-flag-' + ['error', 'warning', 'info'][worst]);
        el.tabIndex = 0;
        el.setAttribute('aria-describedby', 'tm-tip');
      }
    }
    const box = document.getElementById('tm-side');
    if (box) box.checked = side();
    if (side()) pair(article);
    let tip = document.getElementById('tm-tip');
    if (!tip) {
      tip = document.createElement('div');
      tip.id = 'tm-tip';
      tip.setAttribute('role', 'tooltip');
      tip.setAttribute('lang', 'en');
      tip.hidden = true;
      document.body.append(tip);
    }
  }

  // blockOf is the block an element's text sits in: itself, or for an
  // inline element (the masthead's parts), its parent.
  function blockOf(el) {
    const d = getComputedStyle(el).display;
    return d.startsWith('inline') ? el.parentElement : el;
  }

  // pair puts the English beside each block that holds units: a row of
  // two columns, the edition's block left, its English copy right.
  function pair(article) {
    document.body.classList.add('tm-side');
    const blocks = [];
    for (const el of article.querySelectorAll('[data-unit]')) {
      const b = blockOf(el);
      if (!blocks.includes(b)) blocks.push(b);
    }
    for (const b of blocks) {
      const en = b.cloneNode(true);
      en.removeAttribute('id');
      const marked = en.matches('[data-unit]') ? [en, ...en.querySelectorAll('[data-unit]')] : [...en.querySelectorAll('[data-unit]')];
      for (const x of marked) {
        const u = data.units && data.units[x.dataset.unit];
        if (u && u.en !== undefined) x.innerHTML = u.en;
        x.setAttribute('lang', 'en');
        x.removeAttribute('tabindex');
        x.removeAttribute('aria-describedby');
        x.className = x.className.split(' ').filter((c) => !c.startsWith('tm-')).join(' ');
        if (!x.className) x.removeAttribute('class');
        x.dataset.enUnit = x.dataset.unit;
        x.removeAttribute('data-unit');
      }
      const row = document.createElement('div');
      row.className = 'tm-row';
      const left = document.createElement('div');
      left.className = 'tm-ed';
      const right = document.createElement('div');
      right.className = 'tm-en';
      right.setAttribute('lang', 'en');
      if (b.tagName === 'LI') {
        // Inside the item, so that the list stays a list.
        right.innerHTML = en.innerHTML;
        left.append(...b.childNodes);
        row.append(left, right);
        b.append(row);
      } else {
        b.replaceWith(row);
        left.append(b);
        right.append(en);
        row.append(left, right);
      }
    }
  }

  // The tooltip: a unit's state and findings, each with its catalogue
  // position as a link that opens the file in the editor.
  let hideTimer = 0;
  function showTip(el) {
    clearTimeout(hideTimer);
    const tip = document.getElementById('tm-tip');
    const id = el.dataset.unit;
    const u = (data.units && data.units[id]) || {};
    tip.replaceChildren();
    const head = document.createElement('p');
    head.className = 'tm-tip-unit';
    head.textContent = id;
    if (u.entry) {
      head.append(' · ');
      const a = document.createElement(u.entry_href ? 'a' : 'span');
      if (u.entry_href) { a.href = u.entry_href; a.title = 'Open the entry in the editor'; }
      a.className = 'tm-entry';
      a.textContent = u.entry;
      head.append(a);
    }
    tip.append(head);
    if (u.state && states[u.state]) {
      const p = document.createElement('p');
      p.className = 'tm-tip-state tm-state-' + u.state;
      p.textContent = states[u.state];
      tip.append(p);
    }
    for (const f of findingsOf(id)) {
      const p = document.createElement('p');
      p.className = 'tm-f tm-sev-' + f.severity;
      const sev = document.createElement('b');
      sev.textContent = f.severity + ' ';
      const code = document.createElement('code');
      code.textContent = f.code;
      p.append(sev, code, ' ');
      withDiff(p, f.message);
      if (f.hint) {
        const h = document.createElement('span');
        h.className = 'tm-hint';
        withDiff(h, f.hint);
        p.append(document.createElement('br'), h);
      }
      p.append(document.createElement('br'));
      if (f.href) {
        const a = document.createElement('a');
        a.href = f.href;
        a.textContent = f.pos;
        a.title = 'Open in the editor';
        p.append(a);
      } else {
        const s = document.createElement('span');
        s.textContent = f.pos;
        p.append(s);
      }
      tip.append(p);
    }
    tip.hidden = false;
    const r = el.getBoundingClientRect();
    const width = Math.min(34 * 16, document.documentElement.clientWidth - 16);
    tip.style.width = width + 'px';
    tip.style.left = Math.max(8, Math.min(r.left + scrollX, scrollX + document.documentElement.clientWidth - width - 8)) + 'px';
    tip.style.top = (r.bottom + scrollY + 6) + 'px';
  }
  function hideTipSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => {
      const tip = document.getElementById('tm-tip');
      if (tip && !tip.matches(':hover') && !tip.contains(document.activeElement) && !document.activeElement?.matches('.tm-flag')) tip.hidden = true;
    }, 250);
  }

  document.addEventListener('mouseover', (e) => {
    const el = e.target.closest && e.target.closest('.tm-flag');
    if (el) showTip(el);
    else if (e.target.closest && e.target.closest('#tm-tip')) clearTimeout(hideTimer);
  });
  document.addEventListener('mouseout', (e) => {
    if (e.target.closest && (e.target.closest('.tm-flag') || e.target.closest('#tm-tip'))) hideTipSoon();
  });
  document.addEventListener('focusin', (e) => {
    if (e.target.matches && e.target.matches('.tm-flag')) showTip(e.target);
  });
  document.addEventListener('focusout', hideTipSoon);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      const tip = document.getElementById('tm-tip');
      if (tip) tip.hidden = true;
    }
  });
  document.addEventListener('click', (e) => {
    const t = e.target;
    if (t.id === 'tm-findings-button') {
      const panel = document.getElementById('tm-panel');
      panel.hidden = !panel.hidden;
      t.setAttribute('aria-expanded', String(!panel.hidden));
    } else if (t.matches && t.matches('.tm-goto')) {
      const id = t.dataset.goto;
      const host = (data.hosts && data.hosts[id]) || id;
      const el = document.querySelector('body > article [data-unit="' + CSS.escape(host) + '"]');
      if (el) {
        el.scrollIntoView({ block: 'center' });
        el.focus({ preventScroll: true });
      }
    }
  });
  document.addEventListener('change', (e) => {
    if (e.target.id === 'tm-side') {
      localStorage.setItem(sideKey, e.target.checked ? 'on' : 'off');
      const panelOpen = !document.getElementById('tm-panel').hidden;
      swap(pristine.cloneNode(true));
      document.getElementById('tm-panel').hidden = !panelOpen;
      document.getElementById('tm-side')?.focus();
    }
  });

  // The first unit at the top of the window, and where it is: after a
  // swap, the page scrolls so that it is where it was.
  function anchor() {
    for (const el of document.querySelectorAll('body > article [data-unit]')) {
      const r = el.getBoundingClientRect();
      if (r.bottom > 0) return { id: el.dataset.unit, top: r.top };
    }
    return null;
  }
  function restore(a) {
    if (!a) return;
    const el = document.querySelector('body > article [data-unit="' + CSS.escape(a.id) + '"]');
    if (el) window.scrollBy(0, el.getBoundingClientRect().top - a.top);
  }

  function swap(body) {
    const a = anchor();
    const live = document.getElementById('tm-live')?.textContent;
    document.documentElement.replaceChild(body, document.body);
    data = readData();
    decorate();
    const l = document.getElementById('tm-live');
    if (l && live) l.textContent = live;
    restore(a);
  }

  let busy = false, again = false;
  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      const res = await fetch(location.href, { cache: 'no-store' });
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      if (!doc.getElementById('tilmash-data')) return;
      document.title = doc.title;
      const panelOpen = document.getElementById('tm-panel') && !document.getElementById('tm-panel').hidden;
      pristine = document.adoptNode(doc.body);
      swap(pristine.cloneNode(true));
      const panel = document.getElementById('tm-panel');
      if (panel && panelOpen) panel.hidden = false;
      document.dispatchEvent(new CustomEvent('tilmash:updated', { detail: data.gen }));
    } catch (err) {
      setLive('update failed: ' + err.message);
    } finally {
      busy = false;
      if (again) { again = false; refresh(); }
    }
  }

  function setLive(s) {
    const l = document.getElementById('tm-live');
    if (l) l.textContent = s;
  }

  decorate();
  // follow listens to the server's news of saved files. A stream the
  // server refuses (it follows so many pages at most) is not retried by
  // the browser: the page tries again in 30 s.
  function follow() {
    const es = new EventSource('/_tilmash/events');
    const onGen = (e) => { if (e.data !== data.gen) refresh(); };
    es.addEventListener('hello', (e) => { setLive('live'); onGen(e); });
    es.addEventListener('change', onGen);
    es.addEventListener('error', () => {
      if (es.readyState !== EventSource.CLOSED) { setLive('reconnecting…'); return; }
      setLive('not live: refused by the server (too many open pages?); retrying in 30 s');
      setTimeout(follow, 30000);
    });
  }
  if (window.EventSource) follow();
})();
