// Asks the first screen's questions as soon as the page starts: main.tsx imports this
// module before any other (lib/launch.ts).
import { askAtLaunch } from './launch';

askAtLaunch();
