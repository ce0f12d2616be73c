// The checklist's views (answers, plan, report, evidence), each with its own URL fragment, so Back and
// Forward move between them and a view or an item can be bookmarked. Links inside the app are
// handled here, not by the browser or Material, so the first click scrolls even when the page was
// opened directly, and coming back to a view returns to where the reader was in it.

const VIEWS = ["answers", "plan", "report", "evidence"];

export class Views {
  constructor(root, onShow) {
    this.root = root;
    this.onShow = onShow;
    this.current = null;
    // view -> where the reader was when they left it: the element at the top of the screen and its
    // offset, not a bare scrollY, because items laid out only on screen can change height meanwhile.
    this.scroll = new Map();
    this.focus = new Map(); // view -> the control last used in it, focused again on coming back
    this.path = location.pathname;
    // Esc anywhere in a view: back to the view tabs, in the sticky bar (rather than 40 Shift+Tabs).
    root.addEventListener("keydown", (e) => {
      if (e.key !== "Escape" || e.defaultPrevented || !e.target.closest("[data-view]")) return;
      this.root.querySelector(`[data-view-link=${this.current}]`)?.focus();
    });
    root.addEventListener("focusin", (e) => {
      const view = e.target.closest("[data-view]");
      if (view) this.focus.set(view.dataset.view, e.target);
    });
    this.click = (e) => this.follow(e);
    this.pop = (e) => this.popped(e);
    window.addEventListener("click", this.click, true);
    // Back and Forward must reach this page before Material's instant navigation, which would fetch
    // and re-inject the page on the first one after the page was opened directly. The checklist's
    // template registers window.spViews's listener before Material's bundle runs; when the page came
    // by instant navigation, that one was registered later, but then Material knows this address
    // and does not fetch it.
    window.spViews = this.pop;
    window.addEventListener("popstate", this.pop);
    history.scrollRestoration = "manual"; // this page puts the reader back itself
  }

  /** Back or Forward: within this page, the app moves between views and Material is not told. */
  popped(e) {
    if (location.pathname !== this.path) return; // another page: Material's instant navigation loads it
    if (this.handled === e) return; // heard by both listeners
    this.handled = e;
    e.stopImmediatePropagation();
    const found = this.resolve(location.hash);
    // An address typed or opened with an item's fragment is a new entry (no state yet): go to the
    // item. Back or Forward to an entry (Material records its scroll offset in it): as it was left.
    if (found) return this.route({ restore: !found.target || history.state !== null });
    // A fragment of the page outside the app (a heading): where the reader was, as Material would.
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (history.state?.y !== undefined) window.scrollTo(0, history.state.y);
    else target?.scrollIntoView({ block: "start" });
  }

  /** Stop listening: the page was left by instant navigation. */
  close() {
    window.removeEventListener("click", this.click, true);
    window.removeEventListener("popstate", this.pop);
    if (window.spViews === this.pop) window.spViews = undefined;
  }

  /** The view a fragment belongs to, and the element it names (if any). */
  resolve(hash) {
    let name;
    try {
      name = decodeURIComponent(hash.replace(/^#/, ""));
    } catch {
      return null; // a bad %-escape (#100%) names nothing here: ignored, as a browser ignores it
    }
    if (VIEWS.includes(name) || !name) return { view: name || "answers", target: null };
    const target = document.getElementById(name);
    if (!target || !this.root.contains(target)) return null;
    return { view: target.closest("[data-view]")?.dataset.view ?? "answers", target };
  }

  follow(e) {
    const link = e.target.closest?.("a[href]");
    if (!link || link.dataset.action || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    // Material makes in-page links absolute; what matters is this page's address with a fragment.
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname !== location.pathname || !url.hash) return;
    if (!this.resolve(url.hash)) return; // not ours: Material and the browser handle it
    e.preventDefault();
    e.stopPropagation();
    this.go(url.hash.slice(1));
  }

  /** Go to a view or an element by its fragment, as a new history entry. */
  go(name) {
    if (`#${name}` !== location.hash) history.pushState(null, "", `#${name}`);
    this.route({ restore: false });
  }

  route({ restore }) {
    const found = this.resolve(location.hash) ?? { view: "answers", target: null };
    const changed = found.view !== this.current;
    const previous = this.current;
    if (changed && this.current) this.scroll.set(this.current, this.place());
    for (const node of this.root.querySelectorAll("[data-view]")) node.hidden = node.dataset.view !== found.view;
    for (const link of this.root.querySelectorAll("[data-view-link]")) {
      if (link.dataset.viewLink === found.view) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    this.current = found.view;
    this.onShow(found.view, found.target);
    // Layout must settle (views shown, texts opened) before scrolling; on a first load, Material
    // scrolls to the fragment itself once the page has loaded, without room for the status bar.
    const first = !this.started;
    this.started = true;
    const scroll = () => {
      if (found.target && !restore) {
        found.target.scrollIntoView({ block: "start" });
        if (found.target.matches("fieldset, [data-part]")) found.target.querySelector("input, textarea")?.focus({ preventScroll: true });
      } else if (this.scroll.has(found.view) && (restore || changed)) this.return(this.scroll.get(found.view));
      else if (changed && !first) window.scrollTo(0, Math.max(0, this.root.getBoundingClientRect().top + window.scrollY - 64));
    };
    requestAnimationFrame(() => {
      scroll();
      if (!changed || (found.target && !restore)) return;
      // Back in a view: keyboard focus on the control last used there; else, leaving the report, on
      // the tab of the view the reader is back in, not the page top.
      const last = this.focus.get(found.view);
      if (last?.isConnected && last.offsetParent !== null) last.focus({ preventScroll: true });
      else if (previous === "report") this.root.querySelector(`[data-view-link=${found.view}]`)?.focus({ preventScroll: true });
    });
    if (first && found.target && document.readyState !== "complete") window.addEventListener("load", () => setTimeout(scroll, 50), { once: true });
    if (changed) this.previous = previous;
  }

  /** The first item or heading of the view below the status bar, and its offset there. */
  place() {
    const bar = document.getElementById("cl-bar")?.getBoundingClientRect().bottom ?? 0;
    const view = this.root.querySelector(`[data-view="${this.current}"]`);
    const anchor = [...view.querySelectorAll("fieldset[data-item], [data-part], h2, h3, h4")]
      .find((e) => e.getBoundingClientRect().bottom > bar) ?? null;
    return { y: window.scrollY, anchor, offset: anchor?.getBoundingClientRect().top };
  }

  return({ y, anchor, offset }) {
    if (!anchor?.isConnected) return window.scrollTo(0, y);
    const put = () => window.scrollTo(0, window.scrollY + anchor.getBoundingClientRect().top - offset);
    put();
    // Items coming on screen take their real height in the next frame, and Material may still scroll
    // on its own after a Back: put the anchor back once more in each case.
    requestAnimationFrame(put);
    setTimeout(put, 150);
  }

  /** Leave the report the way the reader came: Back when they came from another view, else to answers. */
  back() {
    if (this.previous) history.back();
    else this.go("answers");
  }
}
