// A table that renders only the rows in view; rows come from the worker a page at a time.
//
// Keyboard: only rendered rows exist in the DOM, so the browser's own Tab order would skip
// every row outside the window. Tab / Shift+Tab (and ↓ / ↑) on a row's control therefore move
// to the next / previous row's control, scrolling it into the window first; Tab past the last
// row (or Shift+Tab before the first) leaves the table as usual. PageDown / PageUp / Home / End
// move by a screenful or to either end the same way (left alone, they would scroll the focused
// row out of the window). The focused row keeps the focus while the pooled elements are reused
// for other rows. The scroller itself is not focusable: ARIA allows no focusable element
// between a table and its rows.

const ROW_H = 44; // default; the CSS custom property --rc-row-h decides (taller rows at phone width)
export const PAGE = 200;

export class VTable {
  /**
   * @param scroller the scrolling box; @param spacer the element rows are positioned in
   * @param fetchPage (offset, limit) => Promise<{rows}>; @param make () => row element;
   * @param fill (el, data, i) => void; @param control (row el) => the focusable control of a row
   */
  constructor(scroller, spacer, { fetchPage, fill, make, control }) {
    this.scroller = scroller;
    this.spacer = spacer;
    this.fetchPage = fetchPage;
    this.fill = fill;
    this.make = make;
    this.control = control;
    this.total = 0;
    this.gen = 0;
    this.cache = new Map();
    this.loading = new Set();
    this.pool = [];
    this.queued = false;
    this.rowH = ROW_H;
    this.focusIndex = null; // the row whose control has (or is about to get) the focus
    this.moving = false; // a keyboard move is under way: a focus lost meanwhile is not the user leaving
    scroller.addEventListener("scroll", () => this.schedule(), { passive: true });
    spacer.addEventListener("keydown", (e) => this.onKey(e));
    spacer.addEventListener("focusin", (e) => {
      const row = e.target.closest(".rc-tr");
      if (row && row._i >= 0) this.focusIndex = row._i;
    });
    spacer.addEventListener("focusout", (e) => {
      if (!this.moving && !spacer.contains(e.relatedTarget)) this.focusIndex = null;
    });
    new ResizeObserver(() => {
      if (this.measure()) this.size();
      this.schedule();
    }).observe(scroller.parentElement || scroller);
  }
  reset(total) {
    this.gen++;
    this.total = total;
    this.cache.clear();
    this.loading.clear();
    this.size();
    this.scroller.scrollTop = 0;
    this.schedule();
  }
  /** Keep the rows already loaded but forget them (after a re-check the data changed). */
  refresh(total) {
    this.gen++;
    this.total = total;
    this.cache.clear();
    this.loading.clear();
    this.size();
    this.schedule();
  }
  /** Reads the row height from CSS; true when it changed. */
  measure() {
    const h = parseFloat(getComputedStyle(this.scroller).getPropertyValue("--rc-row-h")) || ROW_H;
    if (h === this.rowH) return false;
    const top = Math.floor(this.scroller.scrollTop / this.rowH);
    this.rowH = h;
    this.scroller.scrollTop = top * h;
    for (const el of this.pool) el._i = -1; // reposition every row
    return true;
  }
  size() {
    this.measure();
    const h = this.rowH;
    this.spacer.style.height = `${this.total * h}px`;
    // Short lists get a short box; long ones scroll inside at most the CSS height.
    this.scroller.style.height = this.total < 12 ? `${Math.max(1, this.total) * h + 2}px` : "";
  }
  schedule() {
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => {
      this.queued = false;
      this.draw();
    });
  }
  row(i) {
    const page = this.cache.get(Math.floor(i / PAGE));
    return page ? page[i % PAGE] : undefined;
  }
  draw() {
    const view = this.scroller.clientHeight || 480;
    const h = this.rowH;
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / h) - 4);
    const last = Math.min(this.total, Math.ceil((this.scroller.scrollTop + view) / h) + 4);
    const need = Math.max(0, last - first);
    while (this.pool.length < need) {
      const el = this.make();
      this.spacer.append(el);
      this.pool.push(el);
    }
    for (let k = 0; k < this.pool.length; k++) {
      const el = this.pool[k];
      const i = first + k;
      if (k >= need) {
        el.hidden = true;
        continue;
      }
      el.hidden = false;
      el.style.transform = `translateY(${i * h}px)`;
      el.setAttribute("aria-rowindex", String(i + 2));
      const data = this.row(i);
      if (el._i !== i || el._data !== data) {
        el._i = i;
        el._data = data;
        this.fill(el, data, i);
      }
      if (data === undefined) this.load(Math.floor(i / PAGE));
    }
    this.keepFocus(first, last);
  }
  /** After rows were reassigned: the focus goes back to the focused row's control; when that
   * row left the window (scrolled away by the mouse), it is let go rather than left on another
   * row's control, where Enter would act on the wrong account. */
  keepFocus(first, last) {
    if (this.focusIndex == null) return;
    const i = this.focusIndex;
    const el = i >= first && i < last ? this.pool[i - first] : null;
    if (el) {
      // A row still loading keeps a control (inert until its data is in), so the focus has a
      // place while the worker sends the next page of rows.
      const target = this.control(el);
      if (this.focused() !== target) target.focus({ preventScroll: true });
      this.moving = false;
    } else if (this.moving || this.spacer.contains(this.focused())) {
      this.focusIndex = null;
      this.moving = false;
      this.focused()?.blur?.();
    }
  }
  /** The focused element of the table's own tree (the element's shadow root, or the document). */
  focused() {
    return this.spacer.getRootNode().activeElement;
  }
  onKey(e) {
    const row = e.target.closest(".rc-tr");
    if (!row || row._i < 0 || e.altKey || e.ctrlKey || e.metaKey || e.target !== this.control(row)) return;
    const i = row._i;
    const screen = Math.max(1, Math.floor((this.scroller.clientHeight || 480) / this.rowH) - 1);
    const to = {
      Tab: i + (e.shiftKey ? -1 : 1), ArrowDown: i + 1, ArrowUp: i - 1,
      PageDown: Math.min(this.total - 1, i + screen), PageUp: Math.max(0, i - screen), Home: 0, End: this.total - 1,
    }[e.key];
    if (to === undefined || to < 0 || to >= this.total) return; // Tab leaves the table as usual
    e.preventDefault();
    if (to !== i) this.focusRow(to);
  }
  /** Scrolls row `i` into the window and gives its control the focus (once its data is in). */
  focusRow(i) {
    const h = this.rowH;
    const view = this.scroller.clientHeight || 480;
    const top = i * h;
    if (top < this.scroller.scrollTop) this.scroller.scrollTop = top;
    else if (top + h > this.scroller.scrollTop + view) this.scroller.scrollTop = top + h - view;
    this.focusIndex = i;
    this.moving = true;
    this.draw();
    // The row must show on the page too, not only inside the scroller.
    const el = this.pool.find((r) => r._i === i && !r.hidden);
    el?.scrollIntoView?.({ block: "nearest" });
  }
  async load(page) {
    if (this.loading.has(page)) return;
    this.loading.add(page);
    const gen = this.gen;
    const res = await this.fetchPage(page * PAGE, PAGE).catch(() => null);
    if (gen !== this.gen) return;
    if (!res) {
      this.loading.delete(page); // try again on the next draw
      return;
    }
    this.cache.set(page, res.rows);
    if (this.cache.size > 30) this.cache.delete(this.cache.keys().next().value);
    this.loading.delete(page);
    this.schedule();
  }
}
