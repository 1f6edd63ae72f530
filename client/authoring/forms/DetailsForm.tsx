/** The case's own fields: what students and instructors see before they start, and its review. */
import { guidanceFor } from '../guidance.js';
import { NumberField, SelectField, TextField } from './controls.js';
import { useForm } from './FormContext.js';
import { ListField, TickSet } from './lists.js';
import { THEMES } from './themes.js';

const REVIEW_KINDS = ['clinical', 'lived-experience', 'educational'].map((value) => ({
  value,
  label: value.replace('-', ' '),
}));
const REVIEW_STATUSES = [
  { value: 'done', label: 'done' },
  { value: 'not-yet', label: 'not yet' },
];

export function DetailsForm() {
  const { framework } = useForm();
  const competencies = framework.map((c) => ({ value: c.id, label: `${c.id} ${c.title}` }));
  return (
    <section aria-labelledby="details-heading">
      <h3 id="details-heading">Case details</h3>
      <TextField path={['title']} label="Title" />
      <TextField path={['summary']} label="Summary" multiline />
      <TextField path={['audience']} label="Audience (year of study)" />
      <NumberField
        path={['estimatedMinutes']}
        label="Estimated minutes"
        hint="Between 5 and 120; most cases take 20 to 40."
      />
      <TickSet path={['themes']} legend="Themes" choices={THEMES} />
      <TickSet path={['competencies']} legend="Competencies assessed" choices={competencies} />
      <ListField<string>
        path={['learningObjectives']}
        legend="Learning objectives"
        noun="objective"
        create={() => ''}
      >
        {(i) => <TextField path={['learningObjectives', i]} label="Objective" multiline />}
      </ListField>
      <ListField<string>
        path={['contentWarnings']}
        legend="Content warnings"
        noun="warning"
        create={() => ''}
      >
        {(i) => <TextField path={['contentWarnings', i]} label="Warning" />}
      </ListField>
      <TextField
        path={['internationalNote']}
        label="International note (where practice differs outside the UK)"
        multiline
      />
      <TextField path={['lastReviewed']} label="Last reviewed" type="date" />
      <TextField path={['reviewBy']} label="Review again by" type="date" optional />
      <p className="field-hint muted">{guidanceFor({ field: 'reviews', message: '' })}</p>
      <ListField<Record<string, unknown>>
        path={['reviews']}
        legend="Reviews"
        noun="review"
        name={(r) => (typeof r.kind === 'string' ? r.kind : undefined)}
        create={() => ({ kind: 'clinical', status: 'not-yet', by: '', summary: '' })}
      >
        {(i) => (
          <>
            <SelectField path={['reviews', i, 'kind']} label="Kind" choices={REVIEW_KINDS} />
            <SelectField path={['reviews', i, 'status']} label="Status" choices={REVIEW_STATUSES} />
            <TextField path={['reviews', i, 'by']} label="By (a role and how they were engaged)" />
            <TextField path={['reviews', i, 'date']} label="Date" type="date" optional />
            <TextField path={['reviews', i, 'summary']} label="Summary" multiline />
          </>
        )}
      </ListField>
      <p className="muted">
        References, weights, the change log and the facilitator guide are edited in the source.
      </p>
    </section>
  );
}
