/** The fields of the step kinds other than narrative and choice: what each kind asks of its author. */
import { CheckboxField, NumberField, SelectField, TextField, type Choice } from './controls.js';
import { freshId, getIn, type Item, type Path } from './draft.js';
import { useForm } from './FormContext.js';
import { FactsField, ListField, PointsField, TickSet } from './lists.js';

const newItem = (base: string) => (items: readonly Item[]) => ({
  id: freshId(
    base,
    items.map((item) => item.id ?? ''),
  ),
  text: '',
});

/** The items (id and text) at `path`. */
function Items({ path, legend, noun }: { path: Path; legend: string; noun: string }) {
  return (
    <ListField<Item>
      path={path}
      legend={legend}
      noun={noun}
      name={(i) => i.text || undefined}
      create={newItem(noun.split(' ')[0]!)}
    >
      {(i) => (
        <>
          <TextField path={[...path, i, 'id']} label="Id" />
          <TextField path={[...path, i, 'text']} label="Text" />
        </>
      )}
    </ListField>
  );
}

/** The ids and texts of the items at `path`, as choices. */
function useItemChoices(path: Path): Choice[] {
  const list = getIn(useForm().draft, path);
  return (Array.isArray(list) ? (list as Item[]) : []).flatMap((item) =>
    item.id ? [{ value: item.id, label: item.text ? `${item.text} (${item.id})` : item.id }] : [],
  );
}

export function RankingFields({ path }: { path: Path }) {
  const items = useItemChoices([...path, 'items']);
  const order: Path = [...path, 'expertOrder'];
  return (
    <>
      <Items path={[...path, 'items']} legend="Items to rank" noun="item" />
      <ListField<string>
        path={order}
        legend="Expert order, highest priority first"
        noun="place"
        create={() => ''}
      >
        {(i) => <SelectField path={[...order, i]} label={`Place ${i + 1}`} choices={items} />}
      </ListField>
      <TextField
        path={[...path, 'feedback']}
        label="Why the expert order (shown after answering)"
        multiline
      />
    </>
  );
}

export function MatchingFields({ path }: { path: Path }) {
  const left = useItemChoices([...path, 'left']);
  const right = useItemChoices([...path, 'right']);
  return (
    <>
      <Items
        path={[...path, 'left']}
        legend="Left column (e.g. the patient's needs)"
        noun="left item"
      />
      <Items
        path={[...path, 'right']}
        legend="Right column (e.g. services; may hold distractors)"
        noun="right item"
      />
      {left.map((item) => (
        <div key={item.value} className="pairing">
          <SelectField
            path={[...path, 'answer', item.value]}
            label={`${item.label} matches`}
            choices={right}
          />
          <TextField
            path={[...path, 'feedback', item.value]}
            label={`Why (${item.label})`}
            multiline
          />
        </div>
      ))}
    </>
  );
}

/** The questions a screening question must follow (e.g. safety after confidentiality). */
function AskAfter({ questions, index }: { questions: Path; index: number }) {
  const own = getIn(useForm().draft, [...questions, index, 'id']);
  const others = useItemChoices(questions).filter((choice) => choice.value !== own);
  if (others.length === 0) return null;
  return (
    <TickSet path={[...questions, index, 'askAfter']} legend="Ask only after" choices={others} />
  );
}

export function ScreeningFields({ path }: { path: Path }) {
  const questions: Path = [...path, 'questions'];
  return (
    <>
      <TextField path={[...path, 'tool']} label="Screening tool (e.g. AHC HRSN)" />
      <NumberField path={[...path, 'maxQuestions']} label="Most questions the student may ask" />
      <ListField<Item>
        path={questions}
        legend="Questions"
        noun="question"
        name={(q) => q.text || undefined}
        create={(items) => ({
          ...newItem('question')(items),
          domain: '',
          answer: '',
          feedback: '',
        })}
      >
        {(i) => (
          <>
            <TextField path={[...questions, i, 'id']} label="Id" />
            <TextField
              path={[...questions, i, 'domain']}
              label="Domain (e.g. Housing instability)"
            />
            <TextField path={[...questions, i, 'text']} label="Question" />
            <TextField path={[...questions, i, 'answer']} label="What the patient says" multiline />
            <CheckboxField
              path={[...questions, i, 'relevant']}
              label="Reveals a need that drives this patient's illness"
            />
            <CheckboxField
              path={[...questions, i, 'intrusive']}
              label="Intrusive or irrelevant here"
            />
            <TextField path={[...questions, i, 'feedback']} label="Feedback" multiline />
            <FactsField path={[...questions, i, 'facts']} legend="Facts the answer adds" />
            <AskAfter questions={questions} index={i} />
          </>
        )}
      </ListField>
      <PointsField
        path={[...path, 'points', 'coverage']}
        legend="Points for coverage (relevant questions asked)"
      />
      <PointsField
        path={[...path, 'points', 'sensitivity']}
        legend="Points for sensitivity (no intrusive question)"
      />
      <PointsField
        path={[...path, 'points', 'order']}
        legend="Points for order (askAfter respected)"
      />
    </>
  );
}

const LEVELS: Choice[] = ['not-yet', 'developing', 'competent', 'exemplary'].map((level) => ({
  value: level,
  label: level.replace('-', ' '),
}));

export function FreeTextFields({ path }: { path: Path }) {
  const { draft, framework } = useForm();
  const competencies = (draft.competencies ?? []).map((id) => ({
    value: id,
    label: `${id} ${framework.find((c) => c.id === id)?.title ?? ''}`.trim(),
  }));
  const rubric: Path = [...path, 'rubric'];
  return (
    <>
      <NumberField path={[...path, 'minWords']} label="Fewest words" />
      <NumberField path={[...path, 'maxWords']} label="Most words" />
      <ListField<Item>
        path={rubric}
        legend="Rubric"
        noun="criterion"
        name={(c) => (typeof c.title === 'string' && c.title) || undefined}
        create={(items) => ({
          id: freshId(
            'criterion',
            items.map((c) => c.id ?? ''),
          ),
          title: '',
          levels: [],
        })}
      >
        {(i) => (
          <>
            <TextField path={[...rubric, i, 'id']} label="Id" />
            <TextField path={[...rubric, i, 'title']} label="Criterion" />
            <SelectField
              path={[...rubric, i, 'competency']}
              label="Competency it evidences"
              choices={competencies}
            />
            <ListField<Item>
              path={[...rubric, i, 'levels']}
              legend="Levels"
              noun="level"
              name={(l) => (typeof l.level === 'string' && l.level) || undefined}
              create={() => ({ level: 'not-yet', descriptor: '', points: 0 })}
            >
              {(j) => (
                <>
                  <SelectField
                    path={[...rubric, i, 'levels', j, 'level']}
                    label="Level"
                    choices={LEVELS}
                  />
                  <TextField
                    path={[...rubric, i, 'levels', j, 'descriptor']}
                    label="What this level looks like"
                    multiline
                  />
                  <NumberField
                    path={[...rubric, i, 'levels', j, 'points']}
                    label="Points"
                    step="any"
                  />
                  <TextField
                    path={[...rubric, i, 'levels', j, 'example']}
                    label="Example answer (markers only)"
                    multiline
                    optional
                  />
                </>
              )}
            </ListField>
          </>
        )}
      </ListField>
      <TextField
        path={[...path, 'modelAnswer']}
        label="Model answer (shown after submitting)"
        multiline
        optional
      />
    </>
  );
}

export function DebriefFields({ path }: { path: Path }) {
  const { draft } = useForm();
  const references = (draft.references ?? []).flatMap((r) =>
    r.id ? [{ value: r.id, label: r.citation ?? r.id }] : [],
  );
  return (
    <TickSet
      path={[...path, 'furtherReading']}
      legend="Further reading (from the case's references)"
      choices={references}
    />
  );
}
