"""The page script's part for the input pages: jumps to fields, and long answers kept while typed.
Drawn on every page with the rest of the page script (components/browser/a11y.py `page_script`).

Jumps: a link to "#f-…" (the error summary) and a field asked for by another page (Review's
"Modifica") or by a button of the page (a CV entry opened) scroll the field into view and move
the keyboard focus into it; a link to a problem of a closed CV entry opens the entry first.

Typed text not yet applied: Streamlit sends a text area's value on blur or Ctrl+Enter only,
so a reload lost what was typed. Each keystroke in a long answer is mirrored into this
browser's localStorage, next to the autosaved draft, with the value the field had when the
typing began; once applied (blur) it is dropped. After a reload the text comes back, and is
applied, only into a field that still holds that same value, and only while this browser
still holds the autosaved draft (a user who chose "start a new application" gets nothing
back). The word count under the answer follows the text as it is typed.
"""

from __future__ import annotations

import json

import streamlit as st

SCRIPT = """
<script>
(() => {
  const doc = window.parent === window ? document : window.parent.document;
  const win = doc.defaultView;
  // What can take the focus for a field: never a hidden input (a date's native one, which
  // opens the calendar), nor a "?" help button; a button (an entry list's "Add", a closed CV
  // entry's line) only where the section, up to its next heading, has no field.
  const FIELD = 'a[href^="#f-"], [role=spinbutton], input, textarea, [role=combobox]';
  const usable = (el) => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0
    && !el.closest('[aria-hidden="true"]') && (el.closest('.stButton') || !el.closest('[data-testid="stTooltipHoverTarget"]'));
  // A closed CV entry's line (components/widgets/entries.py), "f-officer-experience-0-line",
  // is the button keyed "open-entry-officer.experience-0": it has no anchor of its own.
  const lineOf = (id) => id.endsWith("-line") && doc.querySelector(`.st-key-open-entry-${id.slice(2, -5)} button`);
  const focusAt = (id) => {
    const mark = doc.getElementById(id), line = !mark && lineOf(id);
    if (line && usable(line)) {
      line.scrollIntoView({block: "center"});
      line.focus({preventScroll: true});
      return true;
    }
    if (!mark || mark.dataset.opens) return false;  // on a closed CV entry's line: not open yet
    const block = mark.closest('[data-testid="stElementContainer"]') || mark;
    block.scrollIntoView({block: id === "f-summary" ? "start" : "center"});
    const section = [];
    for (let next = block.nextElementSibling; next && section.length < 8; next = next.nextElementSibling) {
      if (next.querySelector("h1, h2, h3")) break;
      section.push(next);
    }
    for (const selector of [FIELD, "button"]) {
      const field = section.flatMap((el) => [...el.querySelectorAll(selector)]).find(usable);
      if (field) { field.focus({preventScroll: true}); return true; }
    }
    return false;  // not drawn yet: the page's field is tried again
  };

  const STORE = "connection-wizard/typed", DRAFT = "connection-wizard/draft";
  const read = () => { try { return JSON.parse(win.localStorage.getItem(STORE) || "{}"); } catch (e) { return {}; } };
  const write = (all) => { try { win.localStorage.setItem(STORE, JSON.stringify(all)); } catch (e) {} };
  const keyOf = (area) => {
    const box = area.closest('[class*="st-key-w-"]');
    return box ? [...box.classList].find(c => c.startsWith("st-key-w-")) : null;
  };
  const WORD = /\\d+(?:[.,]\\d+)*|[\\p{L}\\p{N}]+(?:['\u2019-][\\p{L}\\p{N}]+)*/gu;
  const count = (area) => {  // the caption right under the answer starts with its word count
    const box = area.closest('[data-testid="stElementContainer"]');
    const caption = box && box.nextElementSibling && box.nextElementSibling.querySelector('[data-testid="stCaptionContainer"] p');
    const text = caption && caption.firstChild;
    if (text && text.nodeType === 3 && /^\\d+/.test(text.nodeValue)) {
      text.nodeValue = text.nodeValue.replace(/^\\d+/, String((area.value.match(WORD) || []).length));
    }
  };

  if (!doc.body.dataset.pageJs) {
    doc.body.dataset.pageJs = "1";
    doc.addEventListener("click", (event) => {
      const link = event.target.closest && event.target.closest('a[href^="#f-"]');
      const id = link && link.getAttribute("href").slice(1), mark = id && doc.getElementById(id);
      if (!mark) return;
      event.preventDefault();
      if (!mark.dataset.opens) { focusAt(id); return; }
      // A problem of a closed CV entry (components/widgets/entries.py): its line, a button, opens it, then
      // the field is focused once drawn.
      mark.closest('[class*="st-key-icon-controls-line-"]')?.querySelector('[class*="st-key-open-entry-"] button')?.click();
      let tries = 0;
      const wait = setInterval(() => { if (focusAt(id) || ++tries > 50) clearInterval(wait); }, 100);
    });
    const base = new WeakMap();
    doc.addEventListener("focusin", (e) => { if (e.target.tagName === "TEXTAREA") base.set(e.target, e.target.value); });
    doc.addEventListener("input", (e) => {
      const area = e.target, key = area.tagName === "TEXTAREA" && keyOf(area);
      if (!key) return;
      const all = read();
      all[key] = {base: base.has(area) ? base.get(area) : all[key]?.base ?? "", text: area.value};
      write(all);
      count(area);
    });
    doc.addEventListener("focusout", (e) => {  // Streamlit applies the text on blur
      const key = e.target.tagName === "TEXTAREA" && keyOf(e.target);
      if (key) { const all = read(); delete all[key]; write(all); }
    });
    // A field redrawn as a new element while it has the focus (Streamlit does so now and then
    // when a fragment's rerun hands over to the whole page's on a slow machine): the focus,
    // and what was typed in it and not applied yet, go to its new copy, with the characters
    // typed while there was none. Without this they went nowhere and the text was lost.
    const applied = new WeakMap();  // a text field: its value when the focus came, as drawn
    let missed = null;  // characters typed while a field that lost its element has no copy yet
    doc.addEventListener("focusin", (e) => {
      if (e.target.matches("textarea, input[type=text]:not([role])")) applied.set(e.target, e.target.value);
    });
    doc.addEventListener("keydown", (e) => {
      const applies = e.key === "Enter" && (e.target.tagName === "INPUT" || e.ctrlKey || e.metaKey);
      if (applies && applied.has(e.target)) applied.set(e.target, e.target.value);  // Streamlit applies it
      if (missed && doc.activeElement === doc.body && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
        missed.push(e.key);
        e.preventDefault();
      }
    }, true);
    doc.addEventListener("focusout", (e) => {
      const old = e.target, key = !e.relatedTarget && applied.has(old) && keyOf(old);
      if (!key) return;
      const typed = old.value, was = applied.get(old), caret = old.selectionEnd ?? typed.length;
      const keys = missed = [];
      let tries = 0;
      const follow = () => {
        const done = () => { if (missed === keys) missed = null; };
        if (old.isConnected || ++tries > 60) return done();  // it only lost the focus (or no copy in 3 s)
        const copy = doc.querySelector(`.${key} ${old.tagName}`);
        if (!copy || copy === old) { setTimeout(follow, 50); return; }
        done();
        if (doc.activeElement && doc.activeElement !== doc.body) return;  // the focus went on
        const text = typed.slice(0, caret) + keys.join("") + typed.slice(caret);
        if (text !== was && copy.value === was) {  // not applied, and not changed by the app
          const proto = old.tagName === "TEXTAREA" ? win.HTMLTextAreaElement : win.HTMLInputElement;
          Object.getOwnPropertyDescriptor(proto.prototype, "value").set.call(copy, text);
          copy.dispatchEvent(new Event("input", {bubbles: true}));
        }
        copy.focus({preventScroll: true});
        copy.setSelectionRange(caret + keys.length, caret + keys.length);
      };
      setTimeout(follow, 50);
    });
  }

  let calm = 0;  // polls in a row with the app idle and no resume offer open
  const restore = () => {
    const app = doc.querySelector('[data-testid="stApp"]');
    const idle = app && app.getAttribute("data-test-script-state") === "notRunning" && !doc.querySelector('[role="dialog"]');
    calm = idle ? calm + 1 : 0;
    if (calm < 3) return false;  // wait for the offer's answer to be applied (or the draft cleared)
    const all = read();
    if (!Object.keys(all).length) return true;
    if (!win.localStorage.getItem(DRAFT)) { write({}); return true; }  // draft gone: so is this
    for (const area of doc.querySelectorAll("textarea")) {
      const key = keyOf(area), kept = key && all[key];
      if (!kept || area.value === kept.text || area.value !== kept.base) continue;
      const setter = Object.getOwnPropertyDescriptor(win.HTMLTextAreaElement.prototype, "value").set;
      setter.call(area, kept.text);
      area.dispatchEvent(new Event("input", {bubbles: true}));
      area.focus({preventScroll: true});
      area.blur();  // applied, as if the user had left the field
      calm = 0;
      return false;  // one per turn: the next after this rerun
    }
    return true;
  };
  let turns = 0;
  const again = setInterval(() => { if (restore() || ++turns > 1200) clearInterval(again); }, 500);

  win.__wizardJump = (target) => {  // told by `page_js`
    doc.body.dataset.jumping = "1";  // the page script leaves the heading alone: the field wins
    let tries = 0;
    const wait = setInterval(() => {
      if (focusAt(target) || ++tries > 30) { clearInterval(wait); delete doc.body.dataset.jumping; }
    }, 100);
  };
})();
</script>
"""

# Streamlit writes "Press Enter to apply" under a field being typed in, in English only, with
# no option to change it: in the Italian interface it is hidden (a visual hint, not read as
# the field's description) and the word count under long answers says it in Italian.
NO_ENGLISH_HINTS = '[data-testid="InputInstructions"] { display: none; }'


JUMPS = "jumps_asked"  # how many jumps this session's pages made (the same field twice in a row too)


def page_js(target_anchor: str | None) -> None:
    """Moves the keyboard focus into the field at `target_anchor` once drawn. The page script
    itself is drawn on every page (a11y.page_script); this is one line, with a number of its
    own for each jump: st.html runs a script again only when its text changes."""
    if not target_anchor:
        return
    st.session_state[JUMPS] = st.session_state.get(JUMPS, 0) + 1
    said = json.dumps([target_anchor, st.session_state[JUMPS]]).replace("<", "\\u003c")
    st.html(f"<script>window.__wizardJump && window.__wizardJump({said}[0]);</script>", unsafe_allow_javascript=True)
