defmodule KV.Bucket do
  use Agent

  def start_link(_opts) do
    Agent.start_link(fn -> %{} end)
  end

  def get(bucket, key) do
    Agent.get(bucket, &Map.get(&1, key))
  end

  def put(bucket, key, value) do
    Agent.update(bucket, &Map.put(&1, key, value))
  end

  def delete(bucket, key) do
    Agent.get_and_update(bucket, &Map.pop(&1, key))
  end
end
{:ok, bucket} = KV.Bucket.start_link([])
KV.Bucket.get(bucket, "milk")
KV.Bucket.put(bucket, "milk", 3)
KV.Bucket.get(bucket, "milk")
KV.Bucket.delete(bucket, "milk")
KV.Bucket.get(bucket, "milk")
KV.Bucket.child_spec([])
