import { scenes } from '../registry'
import { Dashboard } from '../../dashboard/Dashboard'
import { FitTool } from './FitTool'

/** What each simulation teaches: its skills and their prerequisites, levels and scaffold ladder. */
export function TeacherPage() {
  return (
    <main id="main" tabIndex={-1} className="teacher">
      <h1>For teachers</h1>
      <Dashboard />
      {/* Folded: the class comes first; what each lab teaches is there when the teacher asks. */}
      <details className="labs-overview">
        <summary>
          <h2>What each lab teaches: skills, levels and support</h2>
        </summary>
        <p className="lead">
          Every simulation adapts on the student's device: it tracks mastery per skill, picks the level that the student
          should get right about 4 times in 5, and fades support as mastery grows. Skills unlock when their
          prerequisites are mastered.
        </p>
        {scenes.map((scene) => (
          <section key={scene.id} aria-labelledby={`teacher-${scene.id}`} className="scene-overview">
            <h3 id={`teacher-${scene.id}`}>
              {scene.title} <small>({scene.subject}, version {scene.version})</small>
            </h3>
            <p>{scene.summary}</p>
            <h4>Skills</h4>
            <table>
              <thead>
                <tr>
                  <th scope="col">Skill</th>
                  <th scope="col">What it means</th>
                  <th scope="col">Needs first</th>
                </tr>
              </thead>
              <tbody>
                {scene.skills.map((skill) => (
                  <tr key={skill.id}>
                    <th scope="row">{skill.name}</th>
                    <td>{skill.description}</td>
                    <td>{skill.prerequisites.map((id) => scene.skills.find((s) => s.id === id)?.name ?? id).join(', ') || 'nothing'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h4>Levels</h4>
            <ol>
              {scene.levels.map((level) => (
                <li key={level.level}>
                  <strong>{level.name}</strong>: {level.description}
                </li>
              ))}
            </ol>
            <h4>Support, from most to least</h4>
            <ol start={0}>
              {scene.scaffolds.map((scaffold) => (
                <li key={scaffold.id}>
                  <strong>{scaffold.name}</strong>: {scaffold.description}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </details>
      <FitTool />
    </main>
  )
}
