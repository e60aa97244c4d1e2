import { observe } from '../../../commands/verify/read';

const failing =
  (name: string, message = 'no') =>
  async () => {
    throw Object.assign(new Error(message), { name });
  };

describe('observe', () => {
  it('wraps what a read returns as found', async () => {
    await expect(observe(async () => ({ policy: 'p' }))).resolves.toEqual({ found: { policy: 'p' } });
  });

  it.each([
    'ResourceNotFoundException',
    'NoSuchEntityException',
    'NoSuchEntity',
    'QueueDoesNotExist',
    'AWS.SimpleQueueService.NonExistentQueue',
    'TrailNotFoundException',
  ])("calls %s missing: the service's way of saying there is no such thing", async (name) => {
    await expect(observe(failing(name))).resolves.toEqual({ missing: true });
  });

  it('calls any other error unreadable, with its name and message, and never throws', async () => {
    await expect(observe(failing('AccessDenied', 'User is not authorized to perform: iam:GetRole'))).resolves.toEqual({
      unreadable: 'AccessDenied: User is not authorized to perform: iam:GetRole',
    });
    await expect(observe(failing('TimeoutError', 'socket hang up'))).resolves.toEqual({ unreadable: 'TimeoutError: socket hang up' });
  });
});
