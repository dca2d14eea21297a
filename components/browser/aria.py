"""The part of the page script that tells a screen reader what Streamlit's widgets do not.

Streamlit has no API for a field's error, its required state, a description or a group;
its "?" help is a tooltip no screen reader is told of. After each change of the page
(a MutationObserver, at most every 100 ms) this script sets, on the widgets drawn:
- `aria-invalid` and `aria-describedby` to the message drawn just above a field
  (components/page_parts/findings.py `at_field`), and to the help and word count just below it;
- `aria-required` on the fields bound to the application (key "w:…") whose label does not
  say they are optional ("facoltativo"/"optional": the label says what the state says);
- a name with their entry ("Ruolo (in inglese), Esperienza 2") on the fields of a CV entry,
  whose box becomes a group named by its title (components/widgets/entries.py); a closed
  entry's line (a button) collapsed and described by its problems, the open one's "Chiudi"
  expanded;
- `lang="en"` on the annexes' download buttons, named by their English titles;
- the step ("Passo 3 di 9 – Ente") as the name of the progress bar, not "progress";
- a name with what they act on on the Review's "Modifica" of a step ("Modifica: Ente") and on
  a problem's "Correggi" (components/session/jump.py), and an Italian name on the "?" buttons left;
- the focus into a popover when it opens (a delete confirmation), which Streamlit leaves on
  its button, 87 Tab presses away;
- after a file chosen from the keyboard, the focus on the outcome (or the uploader), not lost;
- on a phone, the closed sidebar out of the Tab order (`inert`) and, opened over the page,
  the focus kept in it (Escape closes it).
Attributes React does not own stay until the widget is drawn anew; this script puts them
back then. Its own changes are attributes, which the observer does not watch.

Streamlit passes `st.html` through DOMPurify, which drops a script whose text has "<" before
a letter or "/" (other than its closing tag): not even in a comment
(tests/test_accessibility.py).
"""

SCRIPT = """<script>
(() => {
  window.__wizardAriaWords = %s;
  if (window.__wizardAria) { window.__wizardAria(); return; }
  const doc = document;
  const WIDGETS = ['stTextInput', 'stTextArea', 'stDateInput', 'stRadio', 'stCheckbox', 'stSelectbox']
    .map((id) => `[data-testid="${id}"]`).join(', ');
  const CONTROLS = ['input:not([type="hidden"]):not([tabindex="-1"])', 'textarea', '[role="radiogroup"]',
    '[role="spinbutton"]', '[role="group"][aria-label]'].join(', ');
  const OPTIONAL = /facoltativ|optional/i;
  const NARROW = window.matchMedia('(max-width: 768px)');
  let ids = 0;
  const idOf = (el) => el.id || (el.id = `wizard-aria-${++ids}`);
  const set = (el, name, value) => {
    if (value === null || value === '') el.removeAttribute(name);
    else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  };
  const textOf = (el) => {  // what is read, without the Material icons' ligature names
    const copy = el.cloneNode(true);
    copy.querySelectorAll('[data-testid="stIconMaterial"]').forEach((icon) => icon.remove());
    return copy.textContent.replace(/\\s+/g, ' ').trim();
  };
  // An attribute the widget also sets itself: ours is added to (or replaces) its own,
  // which is remembered and followed when the widget changes it.
  const mine = (el, name, make) => {
    const store = el.__aria || (el.__aria = {});
    const now = el.getAttribute(name) || '';
    const own = store[name] && now === store[name].set ? store[name].own : now;
    const value = make(own);
    store[name] = {own, set: value};
    set(el, name, value);
  };
  const controlsOf = (widget) => {
    const found = [...widget.querySelectorAll(CONTROLS)].filter((el) => !el.closest('[aria-hidden="true"]'));
    return found.filter((el) => !(el.type === 'radio'));  // a radio's group carries the states
  };

  const fields = (main) => {
    for (const widget of main.querySelectorAll(WIDGETS)) {
      const box = widget.closest('[data-testid="stElementContainer"]');
      if (!box) continue;
      const above = box.previousElementSibling;
      const mark = above && above.querySelector('span[id^="f-"]');
      const message = mark && mark.closest('[data-testid="stMarkdownContainer"]');
      const said = message && message.textContent.trim() ? [idOf(message)] : [];
      const below = [];
      for (let next = box.nextElementSibling; next && below.length < 2; next = next.nextElementSibling) {
        const caption = next.querySelector('[data-testid="stCaptionContainer"]');
        if (!caption || next.querySelector(WIDGETS)) break;
        below.push(idOf(caption));
      }
      const label = widget.querySelector('[data-testid="stWidgetLabel"]');
      const required = !!widget.closest('[class*="st-key-w-"]') && !!label && !OPTIONAL.test(label.textContent);
      const entry = widget.closest('[class*="st-key-entry-"]');
      const title = entry && entry.querySelector('strong');
      const which = title ? textOf(title).split(' · ')[0] : '';
      for (const control of controlsOf(widget)) {
        mine(control, 'aria-describedby', (own) => [own, ...said, ...below].filter(Boolean).join(' '));
        set(control, 'aria-invalid', said.length ? 'true' : null);
        if (control.getAttribute('role') !== 'group') set(control, 'aria-required', required ? 'true' : null);
        if (which && control.getAttribute('role') !== 'spinbutton') {
          mine(control, 'aria-label', (own) => own && `${own}, ${which}`);
        }
      }
    }
    for (const bar of main.querySelectorAll('[data-testid="stProgress"]')) {  // named "progress", in English
      const meter = bar.querySelector('[role="progressbar"]');
      if (meter) set(meter, 'aria-label', textOf(bar));
    }
    // The annexes' download buttons are named by their English titles (views/documents.py,
    // components/page_parts/annex_pdfs.py): read with an English voice (WCAG 3.1.2).
    const annexes = '[class*="st-key-dl-"]:not(.st-key-dl-zip) button, [class*="st-key-pdf-"] button';
    for (const button of main.querySelectorAll(annexes)) set(button, 'lang', 'en');
    for (const entry of main.querySelectorAll('[class*="st-key-entry-"]')) {
      const title = entry.querySelector('strong');
      set(entry, 'role', 'group');
      set(entry, 'aria-label', title ? textOf(title) : null);
    }
    // A closed CV entry's line opens it (components/widgets/entries.py): an accordion's
    // header, collapsed, described by its problems above it; the open entry's "Chiudi", expanded.
    for (const button of main.querySelectorAll('[class*="st-key-open-entry-"] button')) {
      const above = button.closest('[data-testid="stElementContainer"]')?.previousElementSibling;
      const said = above && above.querySelector('[data-testid="stMarkdownContainer"]');
      set(button, 'aria-expanded', 'false');
      set(button, 'aria-describedby', said && said.textContent.trim() ? idOf(said) : null);
    }
    for (const button of main.querySelectorAll('[class*="st-key-close-entry-"] button')) {
      set(button, 'aria-expanded', 'true');
    }
    const named = new Map();  // name -> buttons
    for (const button of main.querySelectorAll('[class*="st-key-edit-"] button, [class*="st-key-fix-"] button')) {
      const box = button.closest('[data-testid="stElementContainer"]');
      const shown = button.querySelector('[data-testid="stMarkdownContainer"]');
      if (!box || !shown || !button.getClientRects().length) continue;
      // The Review's "Modifica" is for its step's box: named by its heading, less " — fatto"
      // (views/review.py); a "Correggi", by the problem drawn just before it.
      const step = button.closest('[class*="st-key-edit-"]') && button.closest('[class*="st-key-jump-rows-"]');
      const heading = step && step.querySelector('h2, h3');
      const before = box.previousElementSibling;
      const problem = before && textOf(before.querySelector('strong') || before);
      const what = heading ? textOf(heading).split(' — ')[0] : problem;
      if (!what) continue;
      const name = `${textOf(shown)}: ${what}`;
      named.set(name, [...(named.get(name) || []), button]);
    }
    for (const [name, buttons] of named) {  // "Telefono" of the authority and of the officer: which step
      for (const button of buttons) {
        const section = buttons.length > 1 && button.closest('[class*="st-key-jump-rows-"]');
        const heading = section && section.querySelector('h2, h3');
        set(button, 'aria-label', heading ? `${name} (${textOf(heading)})` : name);
      }
    }
  };

  const helpButtons = () => {
    for (const button of doc.querySelectorAll('[data-testid="stTooltipHoverTarget"] button[aria-label^="Help for "]')) {
      const label = button.getAttribute('aria-label').slice('Help for '.length);
      const named = window.__wizardAriaWords.help.replace('{label}', label);
      if (named !== button.getAttribute('aria-label')) button.setAttribute('aria-label', named);
    }
  };

  const popovers = () => {
    for (const body of doc.querySelectorAll('[data-testid="stPopoverBody"]')) {
      const open = body.getClientRects().length > 0;
      if (open && !body.__focused) {
        const first = [...body.querySelectorAll('button, input, textarea, a[href]')].find((el) => !el.disabled);
        if (first) first.focus();
      }
      body.__focused = open;
    }
  };

  let covering = false;
  const sidebar = () => {
    const bar = doc.querySelector('[data-testid="stSidebar"]');
    if (!bar) return;
    const collapsed = bar.getAttribute('data-collapsed') === 'true';
    bar.inert = collapsed;  // off the screen: out of the Tab order and of the reading
    const main = doc.querySelector('[data-testid="stMain"]');
    const now = !collapsed && NARROW.matches;  // open over the page
    if (main) main.inert = now;
    if (now && !covering) {
      const first = focusables(bar)[0];
      if (first) first.focus();
    } else if (!now && covering && (bar.contains(doc.activeElement) || doc.activeElement === doc.body)) {
      doc.querySelector('[data-testid="stExpandSidebarButton"]')?.focus();  // where it was opened
    }
    covering = now;
  };
  const focusables = (root) => [...root.querySelectorAll('a[href], button, input, [tabindex="0"]')]
    .filter((el) => !el.disabled && el.tabIndex >= 0 && el.getClientRects().length > 0);
  doc.addEventListener('keydown', (e) => {
    const bar = doc.querySelector('[data-testid="stSidebar"]');
    if (!covering || !bar) return;
    if (e.key === 'Escape') { bar.querySelector('[data-testid="stSidebarCollapseButton"] button')?.click(); return; }
    if (e.key !== 'Tab') return;
    const all = focusables(bar);
    if (!all.length) return;
    const first = all[0], last = all[all.length - 1];
    if (!bar.contains(doc.activeElement) || (e.shiftKey ? doc.activeElement === first : doc.activeElement === last)) {
      e.preventDefault();
      (e.shiftKey ? last : first).focus();
    }
  }, true);

  // A file chosen from the keyboard: Streamlit draws the page anew and the focus falls to
  // the body (the next Tab went to a hidden input). It goes to the outcome said just after the
  // uploader, or back to the uploader's button. Only for a while after the uploader had the
  // focus, and not once the mouse was used.
  let upload = null;  // {key: the uploader's key class, at: when it had the focus}
  doc.addEventListener('focusin', (e) => {
    const holder = e.target.closest && e.target.closest('[data-testid="stFileUploader"]');
    const keyed = holder && holder.closest('[class*="st-key-"]');
    const key = keyed && [...keyed.classList].find((c) => c.startsWith('st-key-'));
    upload = key ? {key, at: Date.now()} : null;
  }, true);
  doc.addEventListener('pointerdown', () => { upload = null; }, true);
  const refocus = () => {
    if (!upload || Date.now() - upload.at > 60000) return;
    const now = doc.activeElement;
    if (now && now !== doc.body && !(now.type === 'file' && now.tabIndex < 0)) return;  // not lost
    const holder = doc.querySelector(`.${CSS.escape(upload.key)}`);
    const box = holder && (holder.closest('[data-testid="stElementContainer"]') || holder);
    let said = null;
    for (let next = box && box.nextElementSibling, i = 0; next && i < 4 && !said; next = next.nextElementSibling, i++) {
      said = next.querySelector('[role="alert"], [role="status"]');
    }
    // The uploader gone with its panel (a draft loaded): the page's heading, as after a step change.
    const target = said || holder?.querySelector('[data-testid="stFileUploader"] button')
      || doc.querySelector('[data-testid="stMain"] h1');
    if (!target) return;
    if (target.tabIndex < 0 || !target.matches('button')) target.tabIndex = -1;
    target.focus();
    upload = null;
  };

  const run = () => {
    queued = false;
    const main = doc.querySelector('[data-testid="stMain"]');
    if (main) fields(main);
    helpButtons();
    popovers();
    sidebar();
    refocus();
  };
  let queued = false;
  window.__wizardAria = () => { if (!queued) { queued = true; setTimeout(run, 100); } };
  new MutationObserver(window.__wizardAria).observe(doc.body, {
    childList: true, subtree: true, characterData: true,  // a text redrawn in place changes names
    attributes: true, attributeFilter: ['data-collapsed'],
  });
  window.__wizardAria();
})();
</script>"""
