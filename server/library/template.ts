/**
 * The short case "New case" starts from: every field a case needs, one branch, one free-text task
 * with a rubric and a debrief, so it passes the validator as it is and shows the author the shape.
 * Its comments carry the case-writing guidance (CASES) an author needs at each field.
 */
export const NEW_CASE_TEMPLATE = `# A new case. Replace every text; keep the structure. The library sets id and version.
# Write like a senior clinician-educator: check each fact, and cite what you used in references.
id: new-case
version: 1
title: A new case
summary: One or two sentences saying who the patient is and what the student will practise.
themes: [4]
competencies: [UP1, UP2]
estimatedMinutes: 20
audience: Years 3-5 (clinical)
learningObjectives:
  - Elicit the social needs that drive this patient's illness
  - Adapt the plan to the patient's circumstances
# Where practice differs outside the UK.
internationalNote: Say where practice or services differ in other countries.
# Real, checkable sources, each with a doi or a url.
references:
  - id: khan-2022
    citation: Khan N, Rogers A, Melville C, et al. BMJ Innovations 2022;8(3):190-198.
    doi: 10.1136/bmjinnov-2021-000910
lastReviewed: ${new Date().toISOString().slice(0, 10)}
start: meet-patient
steps:
  - id: meet-patient
    kind: narrative
    title: Meet the patient
    # Person-first, non-stigmatising language; no stereotypes used as clues.
    body: Describe the patient, where they live and why they came today.
    next: first-question

  - id: first-question
    kind: single-choice
    title: Opening the conversation
    prompt: How do you start?
    # Feedback on every option says why it is better or worse, not just right or wrong.
    options:
      - id: open-question
        text: Ask openly how things are at home.
        feedback: An open question invites the patient to say what matters to them.
        score: { UP1: 2 }
      - id: closed-question
        text: Ask only about the presenting symptom.
        feedback: A fair start, but it can miss what drives the illness.
        score: { UP1: 1 }
        next: missed-cue
    points: { UP1: 2 }
    next: plan

  - id: missed-cue
    kind: narrative
    title: A missed cue
    body: As the patient leaves, they mention something about home that matters.
    next: plan

  - id: plan
    kind: free-text
    title: Your plan
    prompt: Write a short plan that fits the patient's circumstances.
    maxWords: 200
    rubric:
      - id: tailored
        title: Tailored to context
        competency: UP2
        levels:
          - { level: not-yet, descriptor: The plan ignores the context., points: 0, example: Take the tablets. }
          - level: competent
            descriptor: The plan fits the patient's circumstances.
            points: 2
            example: A follow-up call, as travel to clinic costs the patient a day's pay.
    next: debrief

  - id: debrief
    kind: debrief
    title: Debrief
    body: Explain each competency's result and point to further reading.
    furtherReading: [khan-2022]
`;
