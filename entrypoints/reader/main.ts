import '../content/style.css';
import './style.css';
import cardCss from '@/src/card/card.css?inline';
import { startReaderPage } from '@/src/pages/reader/start';

// The source reader page: wiring only (src/pages/reader/ holds the logic). `reader.html#q-3` opens at that quote.
startReaderPage(window, cardCss);
