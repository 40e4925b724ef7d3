// Work in progress: replaced by the real handler in the next commit.
export const handler = async () => { throw new Error('not built yet'); };
