/**
 * Narrow the case list: a text search over title, summary, themes and competencies, then theme,
 * competency and length, each offering only what the library has. The number of cases shown is
 * announced politely as it changes.
 */
import { useId } from 'react';
import { plural } from '../shared/format.js';
import {
  competencyOptions,
  lengthOptions,
  themeOptions,
  type FilterOption,
  type Filters,
} from './filters.js';
import type { CatalogueCase } from './types.js';

interface Props {
  cases: CatalogueCase[];
  filters: Filters;
  /** How many cases pass the filters now. */
  shown: number;
  onChange: (filters: Filters) => void;
}

interface SelectProps<T> {
  label: string;
  any: string;
  options: FilterOption<T>[];
  value: T | null;
  onChange: (value: T | null) => void;
  parse: (value: string) => T;
}

function FilterSelect<T extends string | number>(props: SelectProps<T>) {
  const { label, any, options, value, onChange, parse } = props;
  return (
    <label>
      {label}
      <select
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value ? parse(e.target.value) : null)}
      >
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label} ({plural(option.count, 'case')})
          </option>
        ))}
      </select>
    </label>
  );
}

export function CaseFilters({ cases, filters, shown, onChange }: Props) {
  const id = useId();
  const lengths = lengthOptions(cases);
  return (
    <fieldset className="filters">
      <legend>Find a case</legend>
      <div className="case-search">
        <label htmlFor={`${id}-search`}>Search the cases</label>
        <input
          id={`${id}-search`}
          type="search"
          value={filters.text}
          aria-describedby={`${id}-search-hint`}
          onChange={(e) => onChange({ ...filters, text: e.target.value })}
        />
        <span id={`${id}-search-hint`} className="muted">
          Looks in titles, summaries, themes and competencies.
        </span>
      </div>
      <FilterSelect
        label="Theme"
        any="All themes"
        options={themeOptions(cases)}
        value={filters.theme}
        parse={Number}
        onChange={(theme) => onChange({ ...filters, theme })}
      />
      <FilterSelect
        label="Competency"
        any="All competencies"
        options={competencyOptions(cases)}
        value={filters.competency}
        parse={String}
        onChange={(competency) => onChange({ ...filters, competency })}
      />
      {/* Every case the same length: there is nothing to choose between. */}
      {lengths.length > 0 && (
        <FilterSelect
          label="Length"
          any="Any length"
          options={lengths}
          value={filters.maxMinutes}
          parse={Number}
          onChange={(maxMinutes) => onChange({ ...filters, maxMinutes })}
        />
      )}
      <p role="status" className="filter-count">
        {shown === cases.length
          ? `All ${plural(cases.length, 'case')} shown.`
          : `${shown} of ${plural(cases.length, 'case')} match.`}
      </p>
    </fieldset>
  );
}
