/**
 * DOM numeric constants, spelled out so that no module reads the `Node`/`NodeFilter` globals (the window is always a
 * parameter, and globals differ between a page and a test environment).
 */

/** `Node.ELEMENT_NODE`. */
export const ELEMENT_NODE = 1;
/** `Node.TEXT_NODE`. */
export const TEXT_NODE = 3;
/** `Node.DOCUMENT_NODE`. */
export const DOCUMENT_NODE = 9;
/** `Node.DOCUMENT_FRAGMENT_NODE` (also shadow roots). */
export const DOCUMENT_FRAGMENT_NODE = 11;

/** `NodeFilter.SHOW_ELEMENT`. */
export const SHOW_ELEMENT = 0x1;
/** `NodeFilter.SHOW_TEXT`. */
export const SHOW_TEXT = 0x4;
/** `NodeFilter.FILTER_ACCEPT`. */
export const FILTER_ACCEPT = 1;
/** `NodeFilter.FILTER_REJECT`: skip the node and its whole subtree. */
export const FILTER_REJECT = 2;
