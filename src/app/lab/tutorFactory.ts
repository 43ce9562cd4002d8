export { interimTutor as tutorFactory } from './interimTutor'
