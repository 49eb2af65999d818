import { startPopup } from '@/src/pages/popup/start';

startPopup(document, location.search);
