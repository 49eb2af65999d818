import { startOptionsPage } from '@/src/pages/options/start';

startOptionsPage(document);
