defmodule MyList do
  defdelegate reverse(list), to: Enum
  defdelegate other_reverse(list), to: Enum, as: :reverse
  defguard is_even(x) when is_integer(x) and rem(x, 2) == 0
  def kind(x) when is_even(x), do: :even
  def kind(_), do: :odd
end
MyList.reverse([1, 2, 3])
MyList.other_reverse([1, 2])
MyList.kind(4)
MyList.kind(3)
MyList.kind(:a)
MyList.is_even(2)
