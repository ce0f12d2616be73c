// Site-wide fixes on top of Material, re-applied on every page Material's instant navigation shows.

/** This page's path relative to its language's root, e.g. "requirements/". */
function pathInLanguage() {
  const config = JSON.parse(document.getElementById("__config")?.textContent ?? "{}");
  const base = new URL(config.base ?? ".", location.href).pathname;
  return location.pathname.startsWith(base) ? location.pathname.slice(base.length) : "";
}

// Both languages have the same pages and anchors, so the switcher can keep the reader in place.
function keepPageOnLanguageSwitch() {
  const here = pathInLanguage() + location.hash;
  for (const link of document.querySelectorAll("a.md-select__link[hreflang]")) {
    const root = link.dataset.root ?? (link.dataset.root = link.getAttribute("href"));
    link.href = new URL(here, new URL(root, location.href)).href;
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
