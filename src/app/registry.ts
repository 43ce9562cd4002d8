/**
 * The registry of scene plug-ins, for the app: the list lives with the scenes (scenes/index.ts),
 * shared with the hub, which folds answers through each lab's learner model.
 */
export { findScene, scenes } from '../../scenes'
