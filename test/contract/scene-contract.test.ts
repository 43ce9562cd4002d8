import { scenes } from '../../src/app/registry'
import { describeSceneContract } from './scene-contract'

for (const scene of scenes) describeSceneContract(scene)
