import '../content/style.css';
import './style.css';
import cardCss from '@/src/card/card.css?inline';
import packData from '@/src/knowledge/pack.json';
import type { Pack } from '@/src/knowledge/schema';
import { startReader } from '@/src/pages/reader/reader';
import { loadSettings, watchSettings } from '@/src/settings/storage';

// The source reader page: wiring only (src/reader/ holds the logic). `reader.html#q-3` opens at that quote.
const main = document.getElementById('rd-main');
const side = document.getElementById('rd-side');
if (main && side) {
  const pack = packData as unknown as Pack;
  const controller = new AbortController();
  const reader = startReader({ doc: document, win: window, pack, main, side, cardCss, signal: controller.signal });
  document.title = `${pack.source.title} — Backstory`;
  const apply = (settings: { theme: 'auto' | 'light' | 'dark'; hoverDelay: number }) => {
    document.documentElement.dataset.theme = settings.theme;
    reader.setTheme(settings.theme);
    reader.setHoverDelay(settings.hoverDelay);
  };
  loadSettings()
    .then((settings) => {
      apply(settings);
      watchSettings(apply, controller.signal);
    })
    .catch(() => undefined);
}
