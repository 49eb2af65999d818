import '../options/style.css';
import './style.css';
import { startBuilderPage } from '@/src/pages/builder/start';

// The pack builder page: wiring only (src/pages/builder/ holds the logic). `builder.html?tab=<id>` reads that tab's
// article, drafts a pack from it, and lets the reader review and save it.
void startBuilderPage(window);
