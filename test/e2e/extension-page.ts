/**
 * Functions the e2e tests run inside an extension page (serialised: no closures), shared by the test files; they
 * live in tools/browsers/ because the bench runs them too.
 */
export { chooseFiles, tabIdOf } from '../../tools/browsers/in-extension';
