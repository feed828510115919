// The story a new scenario starts in (`mtls-sandbox new`): the browser and `list` show a user's own scenarios last.
import { defineStory } from '../../sandbox/scenario.js';

export const OWN_SCENARIOS = defineStory({
  id: 'own-scenarios',
  order: 1000,
  title: { en: 'Your own scenarios', ja: '自作シナリオ' },
});
