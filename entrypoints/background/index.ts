import { startBackground } from '@/src/settings/background-control';

export default defineBackground(() => {
  startBackground();
});
