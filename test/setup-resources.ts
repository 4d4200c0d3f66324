import { installNodeResources } from '../src/resources/node.ts';

// Tests import the engine's modules directly, not through an entry point: the engine reads its own
// files and the emblems through the Node resources, as the command line does.
installNodeResources();
