import circuits from '../../../scenes/circuits'
import { describeSceneContract } from '../../contract/scene-contract'

// Until the scene is registered in src/app/registry.ts, it runs the shared contract itself.
describeSceneContract(circuits)
