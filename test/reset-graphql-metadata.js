// @nestjs/graphql keeps its type metadata on `global`, which outlives a test file when jest
// runs several files in one worker; each file's fresh modules must start from empty storage.
delete globalThis.GqlTypeMetadataStorage;
delete globalThis.GqlLazyMetadataStorageHost;
