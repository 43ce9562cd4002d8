import type { SkillFit } from '../learner/fit'

/** The learner model's fitted parameters, one row per skill: shared by the Teacher page's CSV fit and the class view's fit. */
export function FittedParamsTable({ fits, caption }: { fits: Record<string, SkillFit>; caption?: string }) {
  return (
    <table aria-label="Fitted parameters per skill">
      {caption ? <caption>{caption}</caption> : null}
      <thead>
        <tr>
          <th scope="col">Skill</th>
          <th scope="col">Prior</th>
          <th scope="col">Learn</th>
          <th scope="col">Guess</th>
          <th scope="col">Slip</th>
          <th scope="col">Answers</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(fits).map(([skill, fit]) => (
          <tr key={skill} data-skill={skill}>
            <th scope="row">{skill}</th>
            <td>{fit.params.prior.toFixed(4)}</td>
            <td>{fit.params.learn.toFixed(4)}</td>
            <td>{fit.params.guess.toFixed(4)}</td>
            <td>{fit.params.slip.toFixed(4)}</td>
            <td>{fit.observations}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
