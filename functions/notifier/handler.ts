export const handler = async () => {
  throw new Error('not yet wired');
};
