/** The options page's status line: "Saved." fades after a while; an error stays and is announced as an alert. */

/** How long an "ok" message stays, in ms. */
const OK_MESSAGE_MS = 4000;

export type Say = (message: string, kind?: 'ok' | 'error') => void;

/** Writes messages into `status`; returns `say`. */
export function createStatus(status: HTMLElement): Say {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (message, kind = 'ok') => {
    status.textContent = message;
    status.dataset.kind = kind;
    status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    if (timer) clearTimeout(timer);
    if (kind === 'ok') timer = setTimeout(() => (status.textContent = ''), OK_MESSAGE_MS);
  };
}
