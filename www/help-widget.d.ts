// Types for help-widget.mjs, the kit's npm entry (`import { init } from
// 'help-widget'`) and the global `HelpWidget` of help-widget.js (the tag).

export type HelpWidgetEvent =
  | 'open' | 'close' | 'search' | 'no-results' | 'answer-shown' | 'feedback' | 'contact-clicked'
  | 'form-suggestions' | 'form-answer-opened' | 'form-resolved' | 'form-submitted';

export interface HelpWidgetEventDetail {
  open: {};
  close: {};
  /** Sent when typing pauses, with the number of suggestions. */
  search: { query: string; count: number };
  'no-results': { query: string };
  'answer-shown': { id: string; question: string };
  feedback: { id: string; helpful: boolean };
  /** `channel`: `phone`, `email`, `contact-page` or a live channel id. */
  'contact-clicked': { channel: string; query: string };
  /** Answers suggested beside an attached form, once typing pauses. */
  'form-suggestions': { query: string; ids: string[] };
  'form-answer-opened': { id: string };
  /** "That solved it" on a suggested answer. */
  'form-resolved': { ids: string[] };
  /** The attached form was submitted (never stopped), with the answers suggested then. */
  'form-submitted': { ids: string[] };
}

/** Which fields of a form `attach` watches: selectors or elements. */
export interface AttachFields {
  /** Default: the form's first text input. */
  subject?: string | Element;
  /** Default: the form's first textarea. */
  message?: string | Element;
}

export interface HelpWidgetOptions {
  /** Visitor language, e.g. `de`; default `<html lang>`, then the browser's. */
  locale?: string;
  /** Launcher corner. Default `right`. */
  position?: 'left' | 'right';
  /** `inline` renders the panel in `mount`; default `floating`. */
  mode?: 'floating' | 'inline';
  /** Element or CSS selector to render the panel into (implies inline). */
  mount?: string | Element;
  /** Accent colour (any CSS colour). */
  accent?: string;
  /** Force a colour scheme; default follows `prefers-color-scheme`. */
  theme?: 'light' | 'dark';
  /** Open the panel on load (loads the search at once). */
  open?: boolean;
  /** When the search (Wasm, panel stylesheet) loads: `intent` (default: when the
   * pointer enters, focus reaches or a finger touches the launcher), `idle` (after
   * the page's load event, when the browser is idle) or `eager` (at once). */
  preload?: 'intent' | 'idle' | 'eager';
  /** `'off'`: leave the URL fragment alone (no `#help/…` deep links), for
   * single-page apps that route by hash. */
  hash?: 'on' | 'off';
  /** A form of the page (CSS selector) beside which answers are suggested. */
  attach?: string;
  /** Send events with navigator.sendBeacon to this http(s) URL. */
  beaconUrl?: string;
  /** The URL of the kit's folder (relative to the page), e.g. `/help/`. Default:
   * beside help-widget.mjs. Needed when the widget is bundled into an app
   * (`import { init } from 'help-widget'`): `init` rejects without it. */
  baseUrl?: string | URL;
  /** Called for every event, including those during start-up (deep links). */
  listener?: <E extends HelpWidgetEvent>(event: E, detail: HelpWidgetEventDetail[E]) => void;
  /** `performance.now()` when loading began, for `timings`. */
  startedAt?: number;
  /** The shell's fetch when already begun (help-widget.js starts it beside the module). */
  shell?: Promise<Response>;
}

export interface HelpWidget {
  open(): void;
  close(): void;
  /** Opens the panel with `query` typed in; returns the number of suggestions,
   * or `undefined` while the search is still loading (it runs once loaded). */
  search(query: string): number | undefined;
  /** Opens answer `id` (e.g. `de/meter-reading`). */
  show(id: string): void;
  /** Suggests answers beside `form` while a visitor writes in it (the search
   * loads when its fields get focus); returns the function that removes them.
   * A form that is not found, or has no text field, gets one console message. */
  attach(form: string | HTMLFormElement, fields?: AttachFields): () => void;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<E extends HelpWidgetEvent>(event: E, fn: (detail: HelpWidgetEventDetail[E]) => void): () => void;
  /** Interface language chosen for the visitor: that of the engine their locale loads (a kit ships one per language of its knowledge base, so a German-only kit speaks German to all). */
  readonly lang: 'de' | 'en';
  /** The `<help-widget>` host element; events are also dispatched on it as `help-widget:<event>`. */
  readonly element: HTMLElement;
  /** `performance.now()` readings: loading began, the launcher was drawn, the search became interactive. */
  readonly timings: { start: number; launcher: number | null; interactive: number | null };
  /** Starts loading the search now; resolves once it is interactive. */
  load(): Promise<HelpWidget>;
  /** Resolves once the search is interactive; rejects if it cannot load. */
  readonly loaded: Promise<HelpWidget>;
  /** Whether the knowledge base has opening hours, so the contact block shows each channel's live status (false until the search is loaded). */
  readonly hasLiveStatus: boolean;
}

export const EVENTS: readonly HelpWidgetEvent[];

/** Draws the launcher (once per page, or per mount element) and resolves with
 * the widget; the search loads as `preload` says. Calling it again returns the
 * same widget. */
export function init(options?: HelpWidgetOptions): Promise<HelpWidget>;

declare global {
  /** Set by help-widget.js (the tag); methods called before start-up are queued.
   * Undefined when the widget comes from `import { init } from 'help-widget'`
   * (npm, bundlers) or from help-widget.mjs: use the object `init` resolves with. */
  interface Window {
    HelpWidget?: Pick<HelpWidget, 'open' | 'close' | 'search' | 'show' | 'on' | 'attach' | 'load' | 'loaded'> & {
      /** Resolves once the launcher is drawn and the API is live. */
      ready: Promise<unknown>;
      timings: HelpWidget['timings'] | null;
      element: HTMLElement | null;
    };
  }
}
