/** The options page's settings controls: everything on/off, site mode, kinds, mentions, scope, style, theme, delay. */
import { h } from '../../shared/dom';
import { KIND_LABELS, MARK_KINDS, type MarkKind } from '../../shared/vocabulary';
import { HOVER_DELAY_RANGE, type SettingName, type Settings } from '../../settings/schema';
import type { OptionsSection } from './section';

/** Settings chosen with radio buttons named after them. */
const RADIO_SETTINGS = ['siteMode', 'mentions', 'scope'] as const satisfies readonly SettingName[];

/** Binds the controls; returns what shows the settings in them. */
export function bindSettingControls(page: OptionsSection): { render(): void } {
  const { doc, root, signal, save } = page;
  const enabled = page.need<HTMLInputElement>('#bs-enabled');
  const kindsBox = page.need<HTMLElement>('#bs-kinds');
  const markStyle = page.need<HTMLSelectElement>('#bs-markStyle');
  const theme = page.need<HTMLSelectElement>('#bs-theme');
  const hoverDelay = page.need<HTMLInputElement>('#bs-hoverDelay');
  const radios = (name: string) => Array.from(root.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`));

  // Kinds: one checkbox per kind, built from the kinds the extension knows.
  const kindInputs = new Map<MarkKind, HTMLInputElement>();
  for (const kind of MARK_KINDS) {
    const input = h(doc, 'input');
    input.type = 'checkbox';
    input.name = 'kinds';
    input.value = kind;
    const label = h(doc, 'label');
    label.append(input, doc.createTextNode(` ${KIND_LABELS[kind]}`));
    kindsBox.append(label);
    kindInputs.set(kind, input);
  }

  enabled.addEventListener('change', () => void save({ enabled: enabled.checked }), { signal });
  for (const name of RADIO_SETTINGS) {
    for (const radio of radios(name)) {
      radio.addEventListener(
        'change',
        () => {
          if (radio.checked) void save({ [name]: radio.value } as Partial<Settings>).then(page.render);
        },
        { signal },
      );
    }
  }
  for (const input of kindInputs.values()) {
    input.addEventListener(
      'change',
      () => void save({ kinds: MARK_KINDS.filter((kind) => kindInputs.get(kind)?.checked) }),
      { signal },
    );
  }
  markStyle.addEventListener('change', () => void save({ markStyle: markStyle.value as Settings['markStyle'] }), {
    signal,
  });
  theme.addEventListener('change', () => void save({ theme: theme.value as Settings['theme'] }).then(page.render), {
    signal,
  });
  hoverDelay.min = String(HOVER_DELAY_RANGE.min);
  hoverDelay.max = String(HOVER_DELAY_RANGE.max);
  hoverDelay.addEventListener(
    'change',
    () => {
      const value = Math.round(Number(hoverDelay.value));
      if (!Number.isFinite(value) || value < HOVER_DELAY_RANGE.min || value > HOVER_DELAY_RANGE.max) {
        page.say(`The hover delay is between ${HOVER_DELAY_RANGE.min} and ${HOVER_DELAY_RANGE.max} ms.`, 'error');
        return;
      }
      void save({ hoverDelay: value });
    },
    { signal },
  );

  return {
    render() {
      const settings = page.settings();
      enabled.checked = settings.enabled;
      for (const name of RADIO_SETTINGS) {
        for (const radio of radios(name)) radio.checked = radio.value === settings[name];
      }
      for (const [kind, input] of kindInputs) input.checked = settings.kinds.includes(kind);
      markStyle.value = settings.markStyle;
      theme.value = settings.theme;
      if (doc.activeElement !== hoverDelay) hoverDelay.value = String(settings.hoverDelay);
      doc.documentElement.dataset.theme = settings.theme;
    },
  };
}
