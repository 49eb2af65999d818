export default defineContentScript({
  matches: ['<all_urls>'],
  main() {
    // Placeholder until the highlighter lands: a measure proves the content script ran, without touching the page.
    performance.mark('backstory:start');
    performance.measure('backstory:boot', 'backstory:start');
  },
});
