/** Errors and console output of every execution context of a page (content scripts included), via DevTools. */
import type { CDPSession } from 'playwright-core';
import type { ErrorSummary } from './report-shapes';
import { MAX_SAMPLES } from './tunables';

export interface ErrorLog {
  summary: ErrorSummary;
}

export function newErrorLog(): ErrorLog {
  return {
    summary: {
      pageErrors: 0,
      consoleErrors: 0,
      blocked: 0,
      extension: 0,
      samples: { page: [], console: [], extension: [] },
    },
  };
}

interface CallFrame {
  url?: string;
}
interface StackTrace {
  callFrames?: CallFrame[];
}

export const isExtensionUrl = (url: string | undefined): boolean => !!url && /^(chrome|moz)-extension:\/\//.test(url);
const fromExtension = (url: string | undefined, stack: StackTrace | undefined): boolean =>
  isExtensionUrl(url) || (stack?.callFrames ?? []).some((frame) => isExtensionUrl(frame.url));

export function push(list: string[], text: string): void {
  if (list.length < MAX_SAMPLES) list.push(text.replace(/\s+/g, ' ').slice(0, 300));
}

/** Listens to exceptions and console output of every world of the page (content scripts included). */
export async function watchErrors(session: CDPSession, log: ErrorLog): Promise<void> {
  const extensionContexts = new Set<number>();
  const s = log.summary;
  session.on('Runtime.executionContextCreated', (event) => {
    const context = event.context as { id: number; origin?: string; auxData?: { type?: string } };
    if (isExtensionUrl(context.origin)) extensionContexts.add(context.id);
  });
  session.on('Runtime.exceptionThrown', (event) => {
    const details = event.exceptionDetails as {
      text?: string;
      url?: string;
      stackTrace?: StackTrace;
      executionContextId?: number;
      exception?: { description?: string };
    };
    const text = `${details.text ?? ''} ${details.exception?.description ?? ''}`.trim();
    if (extensionContexts.has(details.executionContextId ?? -1) || fromExtension(details.url, details.stackTrace)) {
      s.extension++;
      push(s.samples.extension, `exception: ${text}`);
    } else {
      s.pageErrors++;
      push(s.samples.page, text);
    }
  });
  session.on('Runtime.consoleAPICalled', (event) => {
    const call = event as {
      type: string;
      executionContextId?: number;
      stackTrace?: StackTrace;
      args?: { value?: unknown; description?: string }[];
    };
    const text = (call.args ?? [])
      .map((arg) => (arg.value !== undefined ? String(arg.value) : (arg.description ?? '')))
      .join(' ');
    if (extensionContexts.has(call.executionContextId ?? -1) || fromExtension(undefined, call.stackTrace)) {
      s.extension++;
      push(s.samples.extension, `console.${call.type}: ${text}`);
    } else if (call.type === 'error' || call.type === 'assert') {
      s.consoleErrors++;
      push(s.samples.console, text);
    }
  });
  session.on('Log.entryAdded', (event) => {
    const entry = event.entry as { level: string; source: string; text: string; url?: string; stackTrace?: StackTrace };
    if (fromExtension(entry.url, entry.stackTrace)) {
      s.extension++;
      push(s.samples.extension, `${entry.source} ${entry.level}: ${entry.text}`);
    } else if (entry.level === 'error') {
      if (entry.source === 'network' || entry.source === 'security' || /Content Security Policy/i.test(entry.text)) {
        s.blocked++;
      } else {
        s.consoleErrors++;
        push(s.samples.console, `${entry.source}: ${entry.text}`);
      }
    }
  });
  await session.send('Runtime.enable');
  await session.send('Log.enable');
}
