// Site-wide fixes on top of Material, re-applied on every page Material's instant navigation shows.

/** The folder of a language's root, e.g. "/sp/en/", from its switcher link.
 *
 * The links are relative to the page the header came with (the site may be served at any address,
 * or from disk, where they name index.html): resolved once, then kept, as instant navigation keeps
 * the header while the address changes. */
function languageRoot(link) {
  link.dataset.root ??= new URL(".", new URL(link.getAttribute("href"), location.href)).pathname;
  return link.dataset.root;
}

/** This page's path below its language's root, e.g. "requirements/". */
function pathInLanguage() {
  // Material's own base in #__config is relative to the first page loaded, not to the current
  // one after instant navigation; the root kept from this language's switcher link is not.
  const lang = document.documentElement.lang;
  const own = document.querySelector(`a.md-select__link[hreflang="${lang}"]`);
  const root = own ? languageRoot(own) : "/";
  return location.pathname.startsWith(root) ? location.pathname.slice(root.length) : "";
}

// Both languages have the same pages and anchors, so the switcher can keep the reader in place.
// Whatever the address (a host may serve its 404 page at http://host///evil.example/login), the
// link stays on this site, below the other language's root; else it is that root itself.
function keepPageOnLanguageSwitch() {
  const here = `./${pathInLanguage().replace(/^[/\\]+/, "")}${location.hash}`; // never //host or scheme:
  for (const link of document.querySelectorAll("a.md-select__link[hreflang]")) {
    const base = new URL(languageRoot(link), location.href);
    const target = new URL(here, base);
    link.href = target.origin === base.origin && target.pathname.startsWith(base.pathname) ? target.href : base.href;
    if (link.hreflang === document.documentElement.lang) link.setAttribute("aria-current", "true");
  }
}

// Material's search dialog has no accessible name; give it the search box's label.
function nameSearchDialog() {
  const dialog = document.querySelector(".md-search[role=dialog]");
  const input = document.querySelector(".md-search__input");
  if (dialog && input && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", input.getAttribute("aria-label") ?? "Search");
  }
}

function onPage() {
  keepPageOnLanguageSwitch();
  nameSearchDialog();
}

// document$ is Material's stream of page loads; fall back to a plain load without it.
if (window.document$) window.document$.subscribe(onPage);
else onPage();
window.addEventListener("hashchange", keepPageOnLanguageSwitch);
