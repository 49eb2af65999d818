/** The options page's site list: add a site (with or without its subdomains), search the list, remove a site. */
import { h, textButton } from '../../shared/dom';
import { addSiteRule } from '../../settings/site-rules';
import type { OptionsSection } from './section';

/** Binds the site list; returns what shows the list. */
export function bindSiteList(page: OptionsSection): { render(): void } {
  const { doc, signal } = page;
  const form = page.need<HTMLFormElement>('#bs-site-form');
  const input = page.need<HTMLInputElement>('#bs-site-input');
  const subdomains = page.need<HTMLInputElement>('#bs-site-subdomains');
  const search = page.need<HTMLInputElement>('#bs-site-search');
  const list = page.need<HTMLUListElement>('#bs-site-list');
  const error = page.need<HTMLElement>('#bs-site-error');
  const caption = page.need<HTMLElement>('#bs-site-caption');

  const render = () => {
    const { sites, siteMode } = page.settings();
    const query = search.value.trim().toLowerCase();
    const shown = sites.filter((rule) => !query || rule.host.includes(query));
    caption.textContent =
      siteMode === 'except' ? 'Backstory is off on these sites:' : 'Backstory runs only on these sites:';
    list.replaceChildren();
    for (const rule of shown) {
      const li = h(doc, 'li');
      li.dataset.host = rule.host;
      const remove = textButton(doc, '', 'Remove');
      remove.setAttribute('aria-label', `Remove ${rule.host}`);
      remove.addEventListener('click', () => {
        void page.save({ sites: page.settings().sites.filter((other) => other !== rule) }).then(render);
      });
      li.append(
        h(doc, 'span', 'bs-site-host', rule.host),
        h(doc, 'span', 'bs-site-scope', rule.subdomains ? 'and its subdomains' : 'this host only'),
        remove,
      );
      list.append(li);
    }
    if (shown.length === 0) {
      list.append(h(doc, 'li', 'bs-empty', sites.length === 0 ? 'No sites yet.' : 'No site matches the search.'));
    }
  };

  form.addEventListener(
    'submit',
    (event) => {
      event.preventDefault();
      const sites = addSiteRule(page.settings().sites, input.value, subdomains.checked);
      if (!sites) {
        error.textContent = `“${input.value.trim()}” is not a site name (try cnn.com).`;
        return;
      }
      error.textContent = '';
      input.value = '';
      void page.save({ sites }).then(render);
    },
    { signal },
  );
  search.addEventListener('input', render, { signal });
  return { render };
}
